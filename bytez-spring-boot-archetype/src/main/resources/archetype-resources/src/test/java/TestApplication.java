package ${package};

import io.github.bytezspring.test.BytezStubTestConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against the Bytez stub, with no key and no network: {@code mvn spring-boot:test-run}
 * (or run this class from the IDE), then open http://localhost:8080. The stub logs its URL and answers with
 * canned text.
 */
public class TestApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	static SpringApplication.Augmented application() {
		return SpringApplication.from(Application::main).with(BytezStubTestConfiguration.class);
	}

}
