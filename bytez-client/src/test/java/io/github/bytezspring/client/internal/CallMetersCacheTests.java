package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters a call records are found once per name and tags, not on every record, and
 * the cache neither grows without bound nor records to a meter the registry removed.
 */
class CallMetersCacheTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CallMeters meters = new CallMeters(this.registry, new DefaultBytezObservationConvention(),
			new PriceCatalogue(WebClient.create("http://127.0.0.1:9"), "key", Duration.ofSeconds(1),
					JsonMapper.builder().build()));

	@Test
	void callsOfOneModelRecordToOneCachedTimer() {
		this.meters.firstByte(call("org/model-a"), 1_000_000);
		this.meters.firstByte(call("org/model-a"), 3_000_000);
		this.meters.firstByte(call("org/model-b"), 2_000_000);
		assertThat(firstByte("org/model-a").count()).isEqualTo(2);
		assertThat(firstByte("org/model-a").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(4.0);
		assertThat(firstByte("org/model-b").count()).isEqualTo(1);
		assertThat(this.meters.cachedMeters()).isEqualTo(2);
	}

	@Test
	void aMeterTheRegistryRemovedIsRegisteredAgainOnTheNextRecord() {
		this.meters.firstByte(call("org/model-a"), 1_000_000);
		this.registry.remove(firstByte("org/model-a"));
		assertThat(this.registry.find(BytezObservationDocumentation.FIRST_BYTE).timer()).isNull();
		assertThat(this.meters.cachedMeters()).isZero();
		this.meters.firstByte(call("org/model-a"), 5_000_000);
		assertThat(firstByte("org/model-a").count()).isEqualTo(1);
		assertThat(firstByte("org/model-a").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(5.0);
	}

	@Test
	void theCacheStopsGrowingAtItsBoundAndCallsAreStillRecorded() {
		int models = CallMeters.MAX_CACHED_METERS + 50;
		for (int i = 0; i < models; i++) {
			this.meters.firstByte(call("org/model-" + i), 1_000_000);
		}
		this.meters.firstByte(call("org/model-" + (models - 1)), 1_000_000);
		assertThat(this.meters.cachedMeters()).isEqualTo(CallMeters.MAX_CACHED_METERS);
		assertThat(firstByte("org/model-0").count()).isEqualTo(1);
		assertThat(firstByte("org/model-" + (models - 1)).count()).isEqualTo(2);
	}

	private Timer firstByte(String model) {
		Timer timer = this.registry.find(BytezObservationDocumentation.FIRST_BYTE)
			.tag("bytez.operation", "run")
			.tag("bytez.model", model)
			.timer();
		assertThat(timer).isNotNull();
		return timer;
	}

	private static CallRecord call(String model) {
		BytezObservationContext context = new BytezObservationContext(BytezOperation.RUN, model, true);
		return new CallRecord(BytezOperation.RUN, model, false, System.nanoTime(), context, Observation.NOOP, null);
	}

}
