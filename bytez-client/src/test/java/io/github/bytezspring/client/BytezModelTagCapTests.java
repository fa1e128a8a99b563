package io.github.bytezspring.client;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BytezMeterFilter} keeps the {@code bytez.model} tag bounded: past its cap, new
 * models share one overflow value, their calls still counted, and one WARN says so.
 */
class BytezModelTagCapTests {

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(BytezMeterFilter.class)
		.expecting(Level.WARN, "Meters of Bytez calls have reached \\d+ distinct bytez.model tags; .*");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void callsPastTheCapAreCountedUnderTheOverflowModel() {
		bytez.stubFor(
				post(urlPathMatching("/models/v2/org/.*")).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezTemplate template = template(new BytezMeterFilter(3));

		for (int i = 1; i <= 10; i++) {
			template.run("org/model-" + i, BytezInput.text("x")).block(Duration.ofSeconds(5));
		}

		assertThat(modelTags()).containsExactlyInAnyOrder("org/model-1", "org/model-2", "org/model-3",
				BytezMeterFilter.OVERFLOW_MODEL);
		assertThat(this.meters.get("bytez.client.requests")
			.tag("bytez.model", BytezMeterFilter.OVERFLOW_MODEL)
			.timer()
			.count()).isEqualTo(7);
		assertThat(
				this.meters.find("bytez.client.requests").timers().stream().mapToLong((timer) -> timer.count()).sum())
			.isEqualTo(10);
		assertThat(this.logs.messages(BytezMeterFilter.class, Level.WARN)).singleElement()
			.asString()
			.contains("3 distinct bytez.model tags", "org/model-4", "bytez.model=_other",
					"bytez.observations.max-model-tags");
	}

	@Test
	void twoThousandModelsMakeABoundedNumberOfMeters() {
		BytezMeterFilter filter = new BytezMeterFilter();
		this.meters.config().meterFilter(filter);

		IntStream.range(0, 2000).forEach((i) -> {
			String model = "org/model-" + i;
			this.meters.timer("bytez.client.requests", "bytez.operation", "run", "bytez.model", model)
				.record(Duration.ofMillis(1));
			this.meters.counter("bytez.client.cost", "bytez.model", model, "bytez.meter", "gpu").increment();
		});

		assertThat(filter.modelTags()).isEqualTo(BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS);
		assertThat(modelTags()).hasSize(BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS + 1);
		// the timer's histogram buckets are synthetic meters of it, bounded with it
		assertThat(this.meters.getMeters().stream().filter((meter) -> meter.getId().syntheticAssociation() == null))
			.hasSize(2 * (BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS + 1));
		assertThat(this.meters.get("bytez.client.cost")
			.tag("bytez.model", BytezMeterFilter.OVERFLOW_MODEL)
			.counter()
			.count()).isEqualTo(1900);
		assertThat(this.logs.messages(BytezMeterFilter.class, Level.WARN)).hasSize(1);
	}

	@Test
	void aModelAdmittedBeforeTheCapKeepsItsOwnTag() {
		BytezMeterFilter filter = new BytezMeterFilter(1);
		this.meters.config().meterFilter(filter);
		this.meters.counter("bytez.client.retries", "bytez.model", "org/first", "reason", "a").increment();
		this.meters.counter("bytez.client.retries", "bytez.model", "org/second", "reason", "a").increment();
		this.meters.counter("bytez.client.retries", "bytez.model", "org/first", "reason", "b").increment();

		assertThat(this.meters.get("bytez.client.retries").tag("bytez.model", "org/first").counters()).hasSize(2);
		assertThat(modelTags()).containsExactlyInAnyOrder("org/first", BytezMeterFilter.OVERFLOW_MODEL);
	}

	@Test
	void theNoModelValueTakesNoPlace() {
		BytezMeterFilter filter = new BytezMeterFilter(1);
		this.meters.config().meterFilter(filter);
		this.meters.counter("bytez.client.retries", "bytez.model", "none").increment();
		this.meters.counter("bytez.client.retries", "bytez.model", "org/first").increment();

		assertThat(filter.modelTags()).isEqualTo(1);
		assertThat(modelTags()).containsExactlyInAnyOrder("none", "org/first");
	}

	@Test
	void meterWithoutAModelTagIsUntouched() {
		this.meters.config().meterFilter(new BytezMeterFilter(1));
		this.meters.counter("bytez.concurrency.store.failures", "reason", "x").increment();
		assertThat(this.meters.get("bytez.concurrency.store.failures").counter().getId().getTags()).hasSize(1);
	}

	@Test
	void theCapMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezMeterFilter(0))
			.withMessage("maxModelTags must be 1 or more, was 0");
	}

	private Set<String> modelTags() {
		return this.meters.getMeters()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getTag("bytez.model"))
			.filter((tag) -> tag != null)
			.collect(Collectors.toSet());
	}

	private BytezTemplate template(BytezMeterFilter filter) {
		this.meters.config().meterFilter(filter);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.observationRegistry(observations)
			.meterRegistry(this.meters)
			.build();
	}

}
