package io.github.bytezspring.samples.chatweb;

import java.time.Duration;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatWebApplication}, started as {@code main} starts it but with a
 * given environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatWebApplicationTests {

	/**
	 * No key, whatever the machine's environment holds: as if BYTEZ_API_KEY were unset.
	 */
	private static final String[] WITHOUT_A_KEY = { "--server.port=0", "--bytez.api-key=", "--BYTEZ_API_KEY=" };

	@Test
	void withoutAnApiKeyRunsAgainstTheEmbeddedStubAndStopsItOnClose(CapturedOutput output) {
		BytezStubServer stub;
		try (ConfigurableApplicationContext context = ChatWebApplication.run(WITHOUT_A_KEY)) {
			assertThat(output.getOut()).containsPattern("INFO .* BYTEZ_API_KEY is not set: using the embedded Bytez "
					+ "stub at http://127\\.0\\.0\\.1:\\d+ \\(no network, canned answers\\)\\. Set BYTEZ_API_KEY to "
					+ "call the real API\\.");
			stub = context.getBean(BytezStubServer.class);
			assertThat(stub.baseUrl()).startsWith("http://127.0.0.1:");
			assertThat(context.getBean(BytezConnectionDetails.class).getBaseUrl()).isEqualTo(stub.baseUrl());
			assertThat(stub.streamPacing()).isSameAs(ChatWebApplication.EMBEDDED_PACING);
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
			assertThat(events).contains("\"Ahoy!");
			assertThat(stub.requests(ChatController.CHAT_MODEL)).hasSize(1);
		}
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	@Test
	void withAnApiKeyCallsTheConfiguredApi(CapturedOutput output) {
		try (BytezStubServer api = BytezStubServer.start();
				ConfigurableApplicationContext context = ChatWebApplication.run("--server.port=0",
						"--bytez.base-url=" + api.baseUrl(), "--bytez.api-key=real-key")) {
			assertThat(output.getOut()).doesNotContain("embedded Bytez stub");
			assertThat(context.containsBean("embeddedBytezStub")).isFalse();
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

}
