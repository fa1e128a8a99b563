package io.github.bytezspring.test;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezCallListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the rate-limit and metering headers of {@link BytezStubServer}.
 */
class StubMeteringTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	private static BytezStubServer stub;

	private static BytezTemplate template;

	private static final List<BytezCallListener.Event> answers = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startStub() {
		stub = BytezStubServer.start();
		template = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.callListener(answers::add)
			.build();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@BeforeEach
	void resetStub() {
		stub.reset();
		answers.clear();
	}

	@Test
	void everyAnswerCarriesTheDefaultHeaders() {
		BytezCallMetadata metadata = template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT).metadata();

		assertThat(metadata.limit()).hasValue(StubMetering.DEFAULT_LIMIT);
		assertThat(metadata.remaining()).hasValue(StubMetering.DEFAULT_LIMIT - 1);
		assertThat(metadata.inferenceTime()).contains(StubMetering.DEFAULT_INFERENCE_TIME);
		assertThat(metadata.inferenceMeter()).contains(StubMetering.DEFAULT_METER);
		assertThat(metadata.reset()).isEmpty();
		template.stream(CHAT_MODEL, BytezInput.text("Hi")).blockLast(TIMEOUT);
		template.listTasks().block(TIMEOUT);
		assertThat(answers).hasSize(3).allSatisfy((event) -> assertThat(event.metadata().limit()).isPresent());
	}

	@Test
	void theValuesCanBeChangedPerTestAndAreRestoredByReset() {
		stub.metering()
			.limit(40)
			.inferenceTime(Duration.ofMillis(1500))
			.inferenceMeter("gpu-a100")
			.reset(Duration.ofSeconds(3));

		BytezCallMetadata metadata = template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT).metadata();

		assertThat(metadata)
			.isEqualTo(BytezCallMetadata.of(40, 39, Duration.ofSeconds(3), Duration.ofMillis(1500), "gpu-a100"));
		stub.reset();
		assertThat(template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT).metadata().limit())
			.hasValue(StubMetering.DEFAULT_LIMIT);
	}

	@Test
	void aShrinkingOrGrowingLimitCanBeScripted() {
		stub.metering().limits(4, 2, 1, 8);

		for (int i = 0; i < 6; i++) {
			template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT);
		}

		assertThat(answers).extracting((event) -> event.metadata().limit().getAsInt())
			.containsExactly(4, 2, 1, 8, 8, 8);
	}

	@Test
	void anAdaptiveLimitFollowsTheReportedLimitAndTheStubNeverServesMore() {
		stub.streamChunks(4, Duration.ofMillis(200));
		BytezTemplate adaptive = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.adaptiveConcurrency(true)
			.maxConcurrentRequests(6)
			.build();
		assertThat(adaptive.status().limit()).isEqualTo(1);
		assertThat(adaptive.status().limitSource()).isEqualTo("adaptive (initial)");

		stub.metering().limit(3);
		burst(adaptive, 12);
		assertThat(stub.maxConcurrentRequests()).as("never above the reported 3").isBetween(2, 3);
		assertThat(adaptive.status().limit()).isEqualTo(3);
		assertThat(adaptive.status().limitSource()).isEqualTo("adaptive (ratelimit-limit)");

		stub.metering().limit(20);
		adaptive.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT);
		stub.resetRequests();
		burst(adaptive, 12);
		assertThat(stub.maxConcurrentRequests()).as("grown, but never above the ceiling of 6").isBetween(4, 6);
		assertThat(adaptive.status().limit()).isEqualTo(6);

		stub.metering().limit(2);
		adaptive.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT);
		stub.resetRequests();
		burst(adaptive, 8);
		assertThat(stub.maxConcurrentRequests()).as("shrunk to the reported 2").isBetween(1, 2);
		assertThat(adaptive.status().inFlight()).isZero();
		assertThat(adaptive.status().waiting()).isZero();
	}

	private static void burst(BytezTemplate template, int calls) {
		List<String> texts = reactor.core.publisher.Flux.range(0, calls)
			.flatMap((i) -> template.stream(CHAT_MODEL, BytezInput.text("Hi " + i)).reduce("", String::concat), calls)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(texts).as("no call dropped").hasSize(calls);
	}

	@Test
	void theHeadersCanBeSwitchedOff() {
		stub.metering().off();

		assertThat(template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT).metadata().isEmpty()).isTrue();
		stub.metering().on();
		assertThat(template.run(CHAT_MODEL, BytezInput.text("Hi")).block(TIMEOUT).metadata().isEmpty()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> stub.metering().limit(-1));
	}

}
