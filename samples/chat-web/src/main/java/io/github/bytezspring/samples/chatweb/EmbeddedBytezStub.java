package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.Map;

import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a {@link BytezStubServer} once the application's environment is ready, points
 * {@code bytez.base-url} and {@code bytez.api-key} at it, makes its streams slow enough to watch, and
 * stops it with the application.
 */
final class EmbeddedBytezStub implements ApplicationListener<ApplicationEvent> {

	/** What the embedded stub's chat model answers, with a line break to show they survive streaming. */
	static final String CHAT_ANSWER = "Ahoy! This answer comes from the embedded Bytez stub, streamed token by "
			+ "token.\nSet BYTEZ_API_KEY and restart to talk to a real model.";

	/** How the embedded stub streams: about 20 chunks over 2 seconds, slow enough to see. */
	static final StreamPacing PACING = StreamPacing.chunks(20).over(Duration.ofSeconds(2));

	private static final Log logger = LogFactory.getLog(ChatWebApplication.class);

	private BytezStubServer stub;

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared);
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext().getParent() == null) {
			stop();
		}
		else if (event instanceof ApplicationFailedEvent) {
			stop();
		}
	}

	private synchronized void start(ApplicationEnvironmentPreparedEvent event) {
		if (this.stub == null) {
			this.stub = BytezStubServer.start();
			ObjectNode message = JsonMapper.builder().build().createObjectNode();
			message.put("role", "assistant");
			message.put("content", CHAT_ANSWER);
			this.stub.answer(ChatController.CHAT_MODEL, message).streamPacing(PACING);
		}
		event.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embeddedBytezStub", Map.of("bytez.base-url", this.stub.baseUrl(),
					"bytez.api-key", BytezStubServer.API_KEY, "chat-web.backend", "embedded Bytez stub")));
		logger.info(ChatWebApplication.API_KEY_VARIABLE + " is not set: using the embedded Bytez stub at "
				+ this.stub.baseUrl() + " (no network, canned answers). Set " + ChatWebApplication.API_KEY_VARIABLE
				+ " to call the real API.");
	}

	private synchronized void stop() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	/**
	 * The running stub, for tests.
	 * @return the stub, or {@code null} before the environment is prepared
	 */
	synchronized BytezStubServer stub() {
		return this.stub;
	}

}
