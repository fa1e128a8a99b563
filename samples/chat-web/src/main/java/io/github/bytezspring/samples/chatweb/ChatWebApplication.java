package io.github.bytezspring.samples.chatweb;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

/**
 * A web page that chats with a Bytez model (the answer streams in token by token), summarises text and
 * classifies images, against the real API when {@code BYTEZ_API_KEY} is set and against an embedded
 * stub otherwise.
 */
@SpringBootApplication
public class ChatWebApplication {

	/** The environment variable that holds the Bytez API key; the starter reads it too. */
	static final String API_KEY_VARIABLE = "BYTEZ_API_KEY";

	/**
	 * Start the web application.
	 * @param args the command-line arguments, e.g. {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		run(System.getenv(), args);
	}

	/**
	 * Start the web application.
	 * @param environment the process environment; without {@value #API_KEY_VARIABLE} in it the embedded
	 * stub is used
	 * @param args the command-line arguments
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(Map<String, String> environment, String... args) {
		SpringApplication application = new SpringApplication(ChatWebApplication.class);
		if (!StringUtils.hasText(environment.get(API_KEY_VARIABLE))) {
			application.addListeners(new EmbeddedBytezStub());
		}
		return application.run(args);
	}

}
