package io.github.bytezspring.docs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Holds the "not on a Reactor thread" snippets of {@code docs/spring-mvc.md}:
 * {@code block()} inside {@code map} runs on the Reactor Netty thread that delivered the
 * answer and fails; {@code flatMap} chains the second call without blocking, and
 * {@code publishOn(Schedulers.boundedElastic())} moves blocking code to a thread where
 * blocking is allowed.
 */
@ExtendWith(BytezStubExtension.class)
class ReactorThreadTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	private final Archive archive = new Archive();

	private final CallOutcomes outcomes = new CallOutcomes();

	ReactorThreadTests(BytezStubServer stub) {
		this.stub = stub;
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(this.outcomes);
		this.bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.observationRegistry(registry)
			.build();
	}

	/**
	 * The pages' readers run their code against the strict stub of
	 * {@code @AutoConfigureBytezStub}, which refuses a field the model's task does not
	 * take; so do these tests (the extension resets the stub, and with it strict mode,
	 * before each test).
	 */
	@BeforeEach
	void strict() {
		this.stub.strict(true);
	}

	@BeforeEach
	void answers() {
		this.stub.answerText("Qwen/Qwen3-4B", "A long answer.");
	}

	@Test
	void blockInsideMapFailsOnAReactorThread() {
		// DON'T: the second call blocks the Reactor Netty thread that delivered the first
		// answer
		Mono<String> shorter = this.bytez.run("Qwen/Qwen3-4B", ask("Explain Reactor"))
			.map((answer) -> this.bytez.run("Qwen/Qwen3-4B", ask("Shorten: " + answer.outputText()))
				.block()
				.outputText());

		assertThatIllegalStateException().isThrownBy(() -> shorter.block(TIMEOUT))
			.withMessageStartingWith(
					"block()/blockFirst()/blockLast() are blocking, which is not supported in thread reactor-http-");
		// block() subscribes before it refuses, so the second request may have gone out:
		// it is cancelled
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).hasSizeBetween(1, 2);
	}

	@Test
	void flatMapChainsTheSecondCall() {
		Mono<String> shorter = this.bytez.run("Qwen/Qwen3-4B", ask("Explain Reactor"))
			.flatMap((answer) -> this.bytez.run("Qwen/Qwen3-4B", ask("Shorten: " + answer.outputText())))
			.map(BytezResponse::outputText);

		assertThat(shorter.block(TIMEOUT)).isEqualTo("A long answer.");
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).hasSize(2);
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().get("messages").get(0).get("content").stringValue())
			.isEqualTo("Shorten: A long answer.");
	}

	@Test
	void publishOnMovesBlockingCodeOffTheReactorThread() {
		// the same blocking code fails on the Reactor Netty thread ...
		Mono<Long> onTheReactorThread = this.bytez.run("Qwen/Qwen3-4B", ask("Explain Reactor"))
			.map((answer) -> this.archive.save(answer.outputText()));
		assertThatIllegalStateException().isThrownBy(() -> onTheReactorThread.block(TIMEOUT))
			.withMessageContaining("are blocking, which is not supported in thread reactor-http-");

		// ... and works after publishOn
		Mono<Long> saved = this.bytez.run("Qwen/Qwen3-4B", ask("Explain Reactor"))
			.publishOn(Schedulers.boundedElastic())
			.map((answer) -> this.archive.save(answer.outputText())); // blocking code, on
																		// boundedElastic

		assertThat(saved.block(TIMEOUT)).isEqualTo(1L);
		assertThat(this.archive.texts).containsExactly("A long answer.");
		// loomBoundedElastic-N once spring.threads.virtual.enabled=true has been seen on
		// Java 21 or newer
		assertThat(this.archive.threads).singleElement().asString().matches("(loomB|b)oundedElastic-\\d+");
	}

	@Test
	void blockWithATimeoutGivesUpAndCancelsTheCall() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().delay(Duration.ofSeconds(3));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", ask("Slow")).block(Duration.ofMillis(200)))
			.withMessageStartingWith("Timeout on blocking read for ");
		// block(Duration) cancels the call when it gives up; the model's late answer is
		// not awaited
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.outcomes.outcomes().isEmpty());
		assertThat(this.outcomes.outcomes()).containsExactly(BytezOutcome.CANCELLED);
	}

	private static BytezInput ask(String question) {
		return BytezInput.messages(BytezMessage.user(question));
	}

	/**
	 * Blocking code the application cannot change, as a JDBC repository or a blocking
	 * client is: it blocks, here on a Reactor timer, which Reactor refuses on its own
	 * threads.
	 */
	static class Archive {

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<String> threads = new CopyOnWriteArrayList<>();

		long save(String text) {
			Mono.delay(Duration.ofMillis(10)).block();
			this.texts.add(text);
			this.threads.add(Thread.currentThread().getName());
			return this.texts.size();
		}

	}

}
