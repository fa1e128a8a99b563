package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezMeterFilter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BytezMeterDescriptionsTests {

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplate template() {
		this.meters.config().meterFilter(new BytezMeterFilter());
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.observationRegistry(observations)
			.meterRegistry(this.meters)
			.budgetMaxCost(java.math.BigDecimal.ONE)
			.build();
	}

	@Test
	void everyMeterHasADescription() {
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "1")
				.withHeader("ratelimit-limit", "4")));

		template().run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(this.meters.getMeters()).extracting(Meter::getId)
			.extracting(Meter.Id::getName)
			.contains("bytez.client.requests", "bytez.client.requests.active", "bytez.client.inference",
					"bytez.client.ratelimit.limit", "bytez.client.ratelimit.remaining", "bytez.client.first-byte",
					"bytez.client.budget.spent", "bytez.client.budget.remaining", "bytez.client.budget.store.failures");
		// synthetic meters are parts of another (e.g. the simple registry's histogram
		// bucket gauges of a
		// timer): Micrometer applies no filter to them, and Prometheus shows its timer's
		// HELP for them
		assertThat(this.meters.getMeters()).filteredOn((meter) -> meter.getId().syntheticAssociation() == null)
			.allSatisfy((meter) -> assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank());
		assertThat(this.meters.getMeters()).extracting(Meter::getId)
			.filteredOn((id) -> id.syntheticAssociation() != null)
			.extracting(Meter.Id::getName)
			.containsOnly("bytez.client.requests.histogram", "bytez.client.first-byte.histogram");
		assertThat(this.meters.get("bytez.client.requests").timer().getId().getDescription())
			.isEqualTo(BytezMeterFilter.REQUESTS_DESCRIPTION);
	}

	@Test
	void theTimerOfCallsInFlightDoesNotClaimAnOutcome() {
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withFixedDelay(2000)));

		Disposable call = template().run("org/model", BytezInput.text("x")).subscribe();
		try {
			await().atMost(3, TimeUnit.SECONDS)
				.untilAsserted(
						() -> assertThat(this.meters.get("bytez.client.requests.active").longTaskTimer().activeTasks())
							.isEqualTo(1));
			LongTaskTimer active = this.meters.get("bytez.client.requests.active").longTaskTimer();
			assertThat(active.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("bytez.operation", "bytez.model");
			assertThat(active.getId().getDescription()).isEqualTo(BytezMeterFilter.ACTIVE_DESCRIPTION);
		}
		finally {
			call.dispose();
		}
	}

}
