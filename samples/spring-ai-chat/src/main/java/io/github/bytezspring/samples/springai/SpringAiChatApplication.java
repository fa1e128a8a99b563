package io.github.bytezspring.samples.springai;

import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.EmbeddedBytezStub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample's entry point: runs {@link ChatRunner} against Bytez, or against the
 * embedded stub when no API key is set.
 */
@SpringBootApplication
public class SpringAiChatApplication {

	/** What the embedded stub answers the chat model. */
	static final String STUB_CHAT_ANSWER = "Hello Ada! Your name is Ada, as you told me.";

	/**
	 * What the embedded stub answers the model asked for structured output: JSON, as
	 * requested.
	 */
	static final String STUB_BOOK_ANSWER = "{\"title\":\"Sketch of the Analytical Engine\",\"author\":\"Ada Lovelace\",\"year\":1843}";

	/**
	 * What the embedded stub answers the model asked with a tool, once the tool has
	 * answered.
	 */
	static final String STUB_TOOL_ANSWER = "We have 3 copies on the shelves.";

	/**
	 * Run the application and exit with its exit code.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Run the application until its runner has finished.
	 * @param args the command-line arguments
	 * @return the exit code: 0 when every call succeeded
	 */
	static int run(String... args) {
		SpringApplication application = new SpringApplication(SpringAiChatApplication.class);
		application.addListeners(new EmbeddedBytezStub(SpringAiChatApplication::answers));
		try {
			ConfigurableApplicationContext context = application.run(args);
			return SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported why the application could not start
			return 1;
		}
	}

	private static void answers(BytezStubServer stub) {
		stub.answerText(ChatRunner.CHAT_MODEL, STUB_CHAT_ANSWER);
		stub.answerText(ChatRunner.STRUCTURED_MODEL, STUB_BOOK_ANSWER);
		// with tools, the stub calls the tool first (its arguments are placeholders:
		// "stub"), then answers this;
		// with a native output schema, it answers JSON built from the schema
		stub.answerText(ChatRunner.TOOLS_MODEL, STUB_TOOL_ANSWER);
	}

}
