package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.Map;

import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.EmbeddedBytezStub;
import io.github.bytezspring.test.StreamPacing;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A web page that chats with a Bytez model (the answer streams in token by token),
 * summarises text and classifies images, against the real API when {@code BYTEZ_API_KEY}
 * is set and against an embedded stub otherwise.
 */
@SpringBootApplication
public class ChatWebApplication {

	/**
	 * What the embedded stub's chat model answers, with a line break to show they survive
	 * streaming.
	 */
	static final String EMBEDDED_CHAT_ANSWER = "Ahoy! This answer comes from the embedded Bytez stub, streamed token "
			+ "by token.\nSet BYTEZ_API_KEY and restart to talk to a real model.";

	/**
	 * How the embedded stub streams: about 20 chunks over 2 seconds, slow enough to see.
	 */
	static final StreamPacing EMBEDDED_PACING = StreamPacing.chunks(20).over(Duration.ofSeconds(2));

	/**
	 * Start the web application.
	 * @param args the command-line arguments, e.g. {@code --server.port=9090}
	 */
	public static void main(String[] args) {
		run(args);
	}

	/**
	 * Start the web application, against the embedded stub when no Bytez API key is
	 * configured.
	 * @param args the command-line arguments
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(ChatWebApplication.class);
		application.addListeners(new EmbeddedBytezStub(ChatWebApplication::embeddedAnswers,
				Map.of("chat-web.backend", "embedded Bytez stub")));
		return application.run(args);
	}

	private static void embeddedAnswers(BytezStubServer stub) {
		ObjectNode message = JsonMapper.builder().build().createObjectNode();
		message.put("role", "assistant");
		message.put("content", EMBEDDED_CHAT_ANSWER);
		stub.answer(ChatController.CHAT_MODEL, message).streamPacing(EMBEDDED_PACING);
	}

}
