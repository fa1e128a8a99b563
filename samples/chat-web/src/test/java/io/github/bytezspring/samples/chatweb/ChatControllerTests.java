package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatController} and the page's resources, over HTTP against the stub.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bytez.retry.initial-backoff=5ms")
@AutoConfigureBytezStub
class ChatControllerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ANSWER = "First line,\n  second line with ünïcödé 🙂\n\nand a last one.";

	@LocalServerPort
	private int port;

	@Autowired
	private BytezStubServer stub;

	private WebTestClient client;

	@BeforeEach
	void client() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void chatRelaysEachTokenAsAJsonStringEventThenDone() {
		ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", ANSWER);
		this.stub.answer(ChatController.CHAT_MODEL, message).streamPacing(StreamPacing.chunkSize(3));
		List<ServerSentEvent<String>> events = this.client.get()
			.uri((uri) -> uri.path("/api/chat/stream").queryParam("prompt", "Tell me three lines").build())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).last().satisfies((event) -> assertThat(event.event()).isEqualTo("done"));
		List<ServerSentEvent<String>> tokens = events.subList(0, events.size() - 1);
		assertThat(tokens).hasSizeGreaterThan(2).allSatisfy((event) -> assertThat(event.event()).isEqualTo("token"));
		StringBuilder text = new StringBuilder();
		tokens.forEach((event) -> text.append(JSON.readTree(event.data()).stringValue()));
		assertThat(text).hasToString(ANSWER);
		JsonNode sent = this.stub.lastRequest(ChatController.CHAT_MODEL).json();
		assertThat(sent.get("stream").booleanValue()).isTrue();
		assertThat(sent.get("messages").get(1).get("content").stringValue()).isEqualTo("Tell me three lines");
		assertThat(sent.get("params").get("max_new_tokens").intValue()).isEqualTo(512);
	}

	@Test
	void chatReportsAFailureAsAnEvent() {
		this.stub.script(ChatController.CHAT_MODEL).serverError(500);
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/chat/stream?prompt=Hi")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("failure");
			assertThat(JSON.readTree(event.data()).stringValue()).isEqualTo("Bytez said: Server error 500");
		});
	}

	@Test
	void chatRejectsABlankPrompt() {
		this.client.get()
			.uri((uri) -> uri.path("/api/chat/stream").queryParam("prompt", "  ").build())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("'prompt' must not be empty");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void summarizeAnswersTheModelsSummary() {
		this.client.post()
			.uri("/api/summarize")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"The Eiffel Tower is 330 metres tall.\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.summary")
			.isEqualTo(this.stub.exampleText("summarization"));
		assertThat(this.stub.lastRequest(ChatController.SUMMARY_MODEL).json().get("text").stringValue())
			.isEqualTo("The Eiffel Tower is 330 metres tall.");
	}

	@Test
	void classifyAnswersTheTopLabelsMostLikelyFirst() {
		this.stub.answerJson(ChatController.IMAGE_MODEL,
				"[{\"label\":\"cat\",\"score\":0.2},{\"label\":\"dog\","
						+ "\"score\":0.7},{\"label\":\"a\",\"score\":0.01},{\"label\":\"b\",\"score\":0.02},"
						+ "{\"label\":\"c\",\"score\":0.03},{\"label\":\"d\",\"score\":0.04}]");
		this.client.post()
			.uri("/api/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"url\":\"https://example.com/pets.jpg\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.labels.length()")
			.isEqualTo(5)
			.jsonPath("$.labels[0].label")
			.isEqualTo("dog")
			.jsonPath("$.labels[1].label")
			.isEqualTo("cat")
			.jsonPath("$.labels[4].label")
			.isEqualTo("b");
		assertThat(this.stub.lastRequest(ChatController.IMAGE_MODEL).json().get("url").stringValue())
			.isEqualTo("https://example.com/pets.jpg");
	}

	@Test
	void classifyRejectsWhatIsNoWebUrl() {
		this.client.post()
			.uri("/api/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"url\":\"file:///etc/passwd\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("'url' must be an http or https URL of an image");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void aRateLimitThatOutlastsTheRetriesIs429() {
		this.stub.script(ChatController.SUMMARY_MODEL).rateLimited();
		this.client.post()
			.uri("/api/summarize")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"x\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("Bytez is busy (rate limit reached); try again in a moment.");
		assertThat(this.stub.requests(ChatController.SUMMARY_MODEL)).hasSize(4);
	}

	@Test
	void servesThePageItsScriptAndInfo() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<title>Bytez chat</title>").contains("app.js"));
		this.client.get()
			.uri("/app.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("new EventSource('/api/chat/stream?prompt='")
				.contains("answer.textContent += JSON.parse(event.data);"));
		this.client.get()
			.uri("/api/info")
			.exchange()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("Bytez API")
			.jsonPath("$.chatModel")
			.isEqualTo(ChatController.CHAT_MODEL);
	}

	@Test
	void exposesPrometheusMetrics() {
		this.client.post()
			.uri("/api/summarize")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"x\"}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains("jvm_memory_used_bytes")
				.containsPattern("http_server_requests_seconds_count\\{.*uri=\"/api/summarize\".*\\} [1-9]"));
	}

}
