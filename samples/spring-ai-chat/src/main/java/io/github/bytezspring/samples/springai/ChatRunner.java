package io.github.bytezspring.samples.springai;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.ai.BytezChatOptions;
import io.github.bytezspring.client.error.BytezException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Talks to a Bytez chat model through Spring AI's {@link ChatClient}: two turns that
 * share a memory, a structured answer read as a record, a streamed answer, an answer that
 * calls a {@code @Tool}, and native structured output.
 */
@Component
class ChatRunner implements ApplicationRunner, ExitCodeGenerator {

	/**
	 * The default chat model, set in application.yml as
	 * spring.ai.bytez.chat.options.model.
	 */
	static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	/** The model asked for structured output, chosen per call. */
	static final String STRUCTURED_MODEL = "Qwen/Qwen2.5-7B-Instruct";

	/**
	 * The model asked with a tool and for native structured output, chosen per call: a
	 * closed model, which Bytez's OpenAI-compatible /responses serves with tools.
	 */
	static final String TOOLS_MODEL = "openai/gpt-4o-mini";

	/** The one conversation this runner has; the memory keeps its turns. */
	static final String CONVERSATION = "reader-1";

	private static final Log logger = LogFactory.getLog(ChatRunner.class);

	private final ChatClient chat;

	private int exitCode;

	private final Shelves shelves = new Shelves();

	ChatRunner(ChatClient.Builder builder, ChatMemory memory) {
		this.chat = builder.defaultSystem("You are a friendly librarian. Answer in one or two sentences.")
			.defaultAdvisors((advisors) -> advisors.advisors(MessageChatMemoryAdvisor.builder(memory).build())
				.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
			.build();
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			this.chat.prompt().user("Hello, my name is Ada.").call().content();
			String answer = this.chat.prompt().user("What is my name?").call().content();
			logger.info("1. With memory: " + answer);

			Book book = this.chat.prompt()
				.user("Name the first published computer program as title, author and year.")
				.options(BytezChatOptions.builder().model(STRUCTURED_MODEL).maxTokens(200))
				.call()
				.entity(Book.class);
			logger.info("2. Structured: " + book);

			StringBuilder streamed = new StringBuilder();
			this.chat.prompt()
				.user("Tell me about Ada Lovelace.")
				.stream()
				.content()
				.doOnNext(streamed::append)
				.blockLast();
			logger.info("3. Streamed: " + streamed);

			ChatResponse withTool = Objects.requireNonNull(this.chat.prompt()
				.user("How many copies of 'Sketch of the Analytical Engine' do you have?")
				.options(BytezChatOptions.builder().model(TOOLS_MODEL))
				.tools(this.shelves)
				.call()
				.chatResponse());
			Generation result = Objects.requireNonNull(withTool.getResult());
			logger.info("4. With a tool: " + result.getOutput().getText() + " (looked up: " + this.shelves.lookedUp()
					+ "; " + withTool.getMetadata().getUsage().getTotalTokens() + " tokens, "
					+ withTool.getMetadata().getRateLimit().getRequestsRemaining() + " of "
					+ withTool.getMetadata().getRateLimit().getRequestsLimit() + " requests left)");

			Book nativeBook = this.chat.prompt()
				.user("Name the first published computer program as title, author and year.")
				.options(BytezChatOptions.builder().model(TOOLS_MODEL))
				.advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
				.call()
				.entity(Book.class);
			logger.info("5. Native structured output: " + nativeBook);
		}
		catch (BytezException ex) {
			logger.error("Bytez call failed: " + ex.getMessage());
			this.exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * The structured answer.
	 *
	 * @param title the title
	 * @param author the author
	 * @param year the year of publication
	 */
	record Book(String title, String author, int year) {
	}

	/**
	 * The library's shelves, a tool the model may call: Spring AI's tool-calling advisor
	 * runs it when the model asks, and sends its result back.
	 */
	static class Shelves {

		private final List<String> lookedUp = new CopyOnWriteArrayList<>();

		@Tool(description = "How many copies of a book the library has on its shelves")
		int copiesOf(@ToolParam(description = "the book's title") String title) {
			this.lookedUp.add(title);
			return 3;
		}

		List<String> lookedUp() {
			return this.lookedUp;
		}

	}

}
