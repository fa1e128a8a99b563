package io.github.bytezspring.client.observation;

import java.time.Duration;
import java.util.NavigableSet;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the histograms {@link BytezMeterFilter} turns on.
 */
class BytezMeterFilterTests {

	private final BytezMeterFilter filter = new BytezMeterFilter();

	@Test
	void theCallTimerPublishesAHistogramWithinTheBoundsByDefault() {
		DistributionStatisticConfig config = configure(BytezObservationDocumentation.REQUESTS, Meter.Type.TIMER,
				DistributionStatisticConfig.builder().build());

		NavigableSet<Double> buckets = config.merge(DistributionStatisticConfig.DEFAULT).getHistogramBuckets(true);
		assertThat(buckets).hasSize(11);
		assertThat(buckets.first()).isEqualTo(Duration.ofMillis(100).toNanos());
		assertThat(buckets.last()).isEqualTo(Duration.ofMinutes(5).toNanos());
	}

	@Test
	void theTimeToFirstChunkPublishesAHistogramByDefault() {
		DistributionStatisticConfig config = configure(BytezObservationDocumentation.STREAM_FIRST_CHUNK,
				Meter.Type.TIMER, DistributionStatisticConfig.builder().build());

		assertThat(config.getServiceLevelObjectiveBoundaries()).hasSize(11);
	}

	@Test
	void otherMetersAreLeftAlone() {
		DistributionStatisticConfig none = DistributionStatisticConfig.builder().build();

		assertThat(configure("http.client.requests", Meter.Type.TIMER, none)).isSameAs(none);
		assertThat(configure(BytezObservationDocumentation.STREAM_CHUNKS, Meter.Type.DISTRIBUTION_SUMMARY, none))
			.isSameAs(none);
	}

	@Test
	void whatIsConfiguredAlreadyWins() {
		// as Boot's management.metrics.distribution.slo.bytez.client.requests=1s,10s does
		DistributionStatisticConfig configured = DistributionStatisticConfig.builder()
			.serviceLevelObjectives(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(10).toNanos())
			.percentilesHistogram(true)
			.build();

		DistributionStatisticConfig config = configure(BytezObservationDocumentation.REQUESTS, Meter.Type.TIMER,
				configured);

		assertThat(config.getServiceLevelObjectiveBoundaries()).containsExactly(Duration.ofSeconds(1).toNanos(),
				Duration.ofSeconds(10).toNanos());
		assertThat(config.isPercentileHistogram()).isTrue();
	}

	private DistributionStatisticConfig configure(String name, Meter.Type type, DistributionStatisticConfig config) {
		return this.filter.configure(new Meter.Id(name, Tags.empty(), null, null, type), config);
	}

}
