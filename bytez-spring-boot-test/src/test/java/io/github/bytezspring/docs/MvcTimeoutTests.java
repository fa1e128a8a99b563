package io.github.bytezspring.docs;

import java.time.Duration;

import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.mvcapp.MvcApplication;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spring.mvc.async.request-timeout} bounds a {@code Mono} returned from Spring MVC
 * and an {@code SseEmitter} created without a timeout, and either way the Bytez call is
 * cancelled; a streamed {@code Flux} has no async timeout. Read over a real port with
 * Boot's {@link RestTestClient}.
 */
@SpringBootTest(classes = MvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.mvc.async.request-timeout=500ms", "bytez.retry.initial-backoff=5ms",
				// MVC logs each timeout as a WARN line; the tests assert the 503 and the
				// cancellation instead
				"logging.level.org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver=error" })
@AutoConfigureBytezStub
@AutoConfigureRestTestClient
@Import(CallOutcomes.Registry.class)
class MvcTimeoutTests {

	@Autowired
	RestTestClient client;

	@Autowired
	BytezStubServer stub;

	@Autowired
	CallOutcomes outcomes;

	@BeforeEach
	void clearOutcomes() {
		this.outcomes.clear();
	}

	@Test
	void aMonoThatOutlivesTheAsyncTimeoutIsAnswered503AndCancelled() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().delay(Duration.ofSeconds(5));
		long start = System.nanoTime();
		this.client.get()
			.uri("/answer?question=Slow")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		await().atMost(Duration.ofSeconds(3)).until(() -> !this.outcomes.outcomes().isEmpty());
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.CANCELLED);
	}

	@Test
	void aStreamedFluxHasNoAsyncTimeout() {
		String text = " one, two, three, four, five, six";
		this.stub.answerText("openai-community/gpt2", text)
			.streamPacing(StreamPacing.chunks(6).over(Duration.ofMillis(1500)));
		long start = System.nanoTime();
		String body = this.client.get()
			.uri("/story?start=Count")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1000));
		assertThat(body).isEqualTo(text);
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.SUCCESS);
	}

	@Test
	void anEmitterThatTimesOutCancelsItsBytezStreamAtOnce() {
		// a cold model: nothing for 5 seconds, so only the emitter's completion callback
		// can cancel the
		// stream before then (a piece sent to a completed emitter would cancel it too,
		// but much later)
		this.stub.script("Qwen/Qwen3-4B").nextCall().delay(Duration.ofSeconds(5));
		long start = System.nanoTime();
		byte[] body = this.client.get()
			.uri("/chat-emitter?prompt=Go")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).isNullOrEmpty();
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.outcomes.outcomes().isEmpty());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.CANCELLED);
	}

}
