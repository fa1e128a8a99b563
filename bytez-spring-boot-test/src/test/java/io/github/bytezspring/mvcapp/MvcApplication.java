package io.github.bytezspring.mvcapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring MVC application of {@code docs/spring-mvc.md}: the starter on Tomcat, its
 * controllers returning {@code Mono}, {@code Flux}, an {@code SseEmitter} and a blocked
 * result.
 */
@SpringBootApplication
public class MvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(MvcApplication.class, args);
	}

}
