package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.Map;

import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatWebApplication}, started as {@code main} starts it but with a given environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatWebApplicationTests {

	@Test
	void withoutAnApiKeyRunsAgainstTheEmbeddedStubAndStopsItOnClose(CapturedOutput output) {
		BytezStubServer stub;
		try (ConfigurableApplicationContext context = ChatWebApplication.run(Map.of(), "--server.port=0")) {
			assertThat(output.getOut()).containsPattern("INFO .* BYTEZ_API_KEY is not set: using the embedded Bytez "
					+ "stub at http://127\\.0\\.0\\.1:\\d+ \\(no network, canned answers\\)\\. Set BYTEZ_API_KEY to "
					+ "call the real API\\.");
			stub = embeddedStub(context);
			assertThat(context.getEnvironment().getProperty("bytez.base-url")).isEqualTo(stub.baseUrl());
			assertThat(stub.streamPacing()).isSameAs(EmbeddedBytezStub.PACING);
			WebTestClient client = client(context);
			client.get()
				.uri("/api/info")
				.exchange()
				.expectBody()
				.jsonPath("$.backend")
				.isEqualTo("embedded Bytez stub");
			String events = client.get()
				.uri("/api/chat/stream?prompt=Hello")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(events).contains("event:token").endsWith("event:done\ndata:{}\n\n");
			assertThat(stub.requests(ChatController.CHAT_MODEL)).hasSize(1);
		}
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	@Test
	void withAnApiKeyCallsTheConfiguredApi(CapturedOutput output) {
		try (BytezStubServer api = BytezStubServer.start();
				ConfigurableApplicationContext context = ChatWebApplication.run(
						Map.of(ChatWebApplication.API_KEY_VARIABLE, "real-key"), "--server.port=0",
						"--bytez.base-url=" + api.baseUrl(), "--bytez.api-key=real-key")) {
			assertThat(output.getOut()).doesNotContain("embedded Bytez stub");
			client(context).post()
				.uri("/api/summarize")
				.header("Content-Type", "application/json")
				.bodyValue("{\"text\":\"A long text.\"}")
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(api.lastRequest(ChatController.SUMMARY_MODEL).header("Authorization")).isEqualTo("real-key");
		}
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static BytezStubServer embeddedStub(ConfigurableApplicationContext context) {
		String baseUrl = context.getEnvironment().getProperty("bytez.base-url");
		assertThat(baseUrl).startsWith("http://127.0.0.1:");
		// the listener is not a bean; find it among the application's listeners
		return ((AbstractApplicationContext) context).getApplicationListeners()
			.stream()
			.filter(EmbeddedBytezStub.class::isInstance)
			.map((listener) -> ((EmbeddedBytezStub) listener).stub())
			.findFirst()
			.orElseThrow();
	}

}
