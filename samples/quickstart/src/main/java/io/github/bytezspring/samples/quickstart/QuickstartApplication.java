package io.github.bytezspring.samples.quickstart;

import io.github.bytezspring.test.EmbeddedBytezStub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A console application that shows the Bytez starter at work: it lists tasks, chats,
 * streams text and classifies an image, against the real API when {@code BYTEZ_API_KEY}
 * is set and against an embedded stub otherwise.
 */
@SpringBootApplication
public class QuickstartApplication {

	/**
	 * Run the application and exit with its exit code.
	 * @param args the command-line arguments, e.g. {@code --bytez.base-url=...}
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the application until its runner has finished, against the embedded stub when
	 * no Bytez API key is configured.
	 * @param args the command-line arguments
	 * @return the exit code: 0 when every call succeeded
	 */
	static int run(String... args) {
		SpringApplication application = new SpringApplication(QuickstartApplication.class);
		// also when a test calls this method: the main class names the AOT-generated
		// initializer
		application.setMainApplicationClass(QuickstartApplication.class);
		application.addListeners(new EmbeddedBytezStub());
		try {
			ConfigurableApplicationContext context = application.run(args);
			return SpringApplication.exit(context);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// Spring's AOT processing stops the run once the context is prepared: let it
			// see that
			throw ex;
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported why the application could not start
			return 1;
		}
	}

}
