package io.github.bytezspring.samples.quickstart;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

/**
 * A console application that shows the Bytez starter at work: it lists tasks, chats, streams text and
 * classifies an image, against the real API when {@code BYTEZ_API_KEY} is set and against an embedded
 * stub otherwise.
 */
@SpringBootApplication
public class QuickstartApplication {

	/** The environment variable that holds the Bytez API key; the starter reads it too. */
	static final String API_KEY_VARIABLE = "BYTEZ_API_KEY";

	/**
	 * Run the application and exit with its exit code.
	 * @param args the command-line arguments, e.g. {@code --bytez.base-url=...}
	 */
	public static void main(String[] args) {
		System.exit(run(System.getenv(), args));
	}

	/**
	 * Run the application until its runner has finished.
	 * @param environment the process environment; without {@value #API_KEY_VARIABLE} in it the embedded
	 * stub is used
	 * @param args the command-line arguments
	 * @return the exit code: 0 when every call succeeded
	 */
	static int run(Map<String, String> environment, String... args) {
		SpringApplication application = new SpringApplication(QuickstartApplication.class);
		EmbeddedBytezStub stub = null;
		if (!StringUtils.hasText(environment.get(API_KEY_VARIABLE))) {
			stub = new EmbeddedBytezStub();
			application.addListeners(stub);
		}
		try {
			ConfigurableApplicationContext context = application.run(args);
			return SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported why the application could not start
			return 1;
		}
		finally {
			if (stub != null) {
				stub.close();
			}
		}
	}

}
