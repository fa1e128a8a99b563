package io.github.bytezspring.docs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.mvcapp.MvcApplication;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds the {@code SseEmitter} relay of {@code docs/spring-mvc.md} and the testing page's
 * real-port test: the application on Tomcat, its streams read over HTTP by
 * {@link WebTestClient}; a client that hangs up cancels the Bytez stream.
 */
@SpringBootTest(classes = MvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "bytez.retry.initial-backoff=5ms")
@AutoConfigureBytezStub
@AutoConfigureWebTestClient
@Import(CallOutcomes.Registry.class)
class MvcStreamingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TEXT = " Hello,\n world  and ✓ more\n\n end ";

	// a stream that would last 30 seconds, one byte every 100 ms, unless cancelled
	private static final StreamPacing SLOW = StreamPacing.chunkSize(1).every(Duration.ofMillis(100));

	private static final String LONG_TEXT = " and so on".repeat(30);

	@Autowired
	WebTestClient client;

	@Autowired
	BytezStubServer stub;

	@Autowired
	CallOutcomes outcomes;

	@BeforeEach
	void clearOutcomes() {
		this.outcomes.clear();
	}

	@Test
	void theEmitterRelaysEveryPieceExactly() {
		this.stub.answerText("Qwen/Qwen3-4B", TEXT).streamPacing(StreamPacing.chunkSize(2));
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/chat-emitter?prompt={prompt}", "Hi there")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(TIMEOUT);
		assertThat(MvcReactiveReturnTests.relayedText(events)).isEqualTo(TEXT);
		// cut two bytes apart, the pieces are many, and some start with a space
		assertThat(events).hasSizeGreaterThan(10);
		assertThat(events).anySatisfy((event) -> assertThat(event.data()).startsWith("{\"text\":\" "));
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().get("messages").get(0).get("content").stringValue())
			.isEqualTo("Hi there");
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.SUCCESS);
	}

	@Test
	void aClientThatHangsUpCancelsTheEmittersBytezStream() {
		this.stub.answerText("Qwen/Qwen3-4B", LONG_TEXT).streamPacing(SLOW);
		List<ServerSentEvent<String>> firstTwo = this.client.get()
			.uri("/chat-emitter?prompt=Go")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.take(2)
			.collectList()
			.block(TIMEOUT);
		assertThat(firstTwo).extracting(ServerSentEvent::event).containsExactly("token", "token");
		assertCancelled();
	}

	@Test
	void aClientThatHangsUpCancelsAStreamedFlux() {
		this.stub.answerText("openai-community/gpt2", LONG_TEXT).streamPacing(SLOW);
		Flux<DataBuffer> body = this.client.get()
			.uri("/story?start=Once")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(DataBuffer.class)
			.getResponseBody();
		String firstBytes = body.map(MvcStreamingTests::text)
			.scan("", String::concat)
			.filter((received) -> received.length() >= 3)
			.blockFirst(TIMEOUT);
		assertThat(firstBytes).startsWith(" an");
		assertCancelled();
	}

	// the stub stops serving the stream long before its 30 seconds, and the client saw a
	// cancellation
	private void assertCancelled() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.outcomes.outcomes().isEmpty());
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.CANCELLED);
	}

	private static String text(DataBuffer buffer) {
		String text = buffer.toString(StandardCharsets.UTF_8);
		DataBufferUtils.release(buffer);
		return text;
	}

}
