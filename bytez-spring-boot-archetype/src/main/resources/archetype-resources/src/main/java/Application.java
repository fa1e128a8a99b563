package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that streams a Bytez model's answers to the browser: open http://localhost:8080.
 * Run it with {@code BYTEZ_API_KEY} set ({@code mvn spring-boot:run}), or against the Bytez stub with no
 * key at all ({@code mvn spring-boot:test-run}, see {@code TestApplication}).
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
