package io.github.bytezspring.docs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the documentation's Spring snippets: {@link Assistant} and the
 * starter.
 */
@SpringBootApplication
class DocsApplication {

	public static void main(String[] args) {
		SpringApplication.run(DocsApplication.class, args);
	}

}
