package io.github.bytezspring.client.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives the meters that Micrometer derives from the {@code bytez.client.requests} observation (its
 * timer and its long-task timer of calls in flight) a description, the HELP text Prometheus shows, and
 * gives the call timer and the time-to-first-chunk timer histogram buckets by default; Spring Boot applies
 * it to every registry, elsewhere add it with {@code registry.config().meterFilter(..)} before the first
 * call.
 * <p>
 * The buckets ({@link #HISTOGRAM_BUCKETS}, from 100 ms to 5 minutes) are what p95 latency and
 * time-to-first-token queries ({@code histogram_quantile}) need; a dozen of them keeps the series a
 * registry holds bounded. Whatever else configures these meters wins, e.g. Boot's
 * {@code management.metrics.distribution.slo.bytez.client.requests=1s,10s}, and
 * {@code management.metrics.distribution.percentiles-histogram.bytez.client.requests=true} adds
 * Micrometer's finer buckets.
 */
public final class BytezMeterFilter implements MeterFilter {

	/** The description of the {@code bytez.client.requests} timer. */
	public static final String REQUESTS_DESCRIPTION = "Calls to Bytez, each spanning its retries and, for streams, "
			+ "the whole stream";

	/** The description of the long-task timer of calls in flight. */
	public static final String ACTIVE_DESCRIPTION = "Calls to Bytez in flight";

	/**
	 * The default histogram buckets of the call timer and the time-to-first-chunk timer: from a quick
	 * answer to a long generation with retries.
	 */
	public static final List<Duration> HISTOGRAM_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofMinutes(5));

	private static final DistributionStatisticConfig HISTOGRAM = DistributionStatisticConfig.builder()
		.serviceLevelObjectives(HISTOGRAM_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
		.build();

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() == Meter.Type.TIMER && (BytezObservationDocumentation.REQUESTS.equals(id.getName())
				|| BytezObservationDocumentation.STREAM_FIRST_CHUNK.equals(id.getName()))) {
			// the configuration so far wins where it says something; the defaults fill in the rest
			return config.merge(HISTOGRAM);
		}
		return config;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() != null) {
			return id;
		}
		if (BytezObservationDocumentation.REQUESTS.equals(id.getName())) {
			return describe(id, REQUESTS_DESCRIPTION);
		}
		if ((BytezObservationDocumentation.REQUESTS + ".active").equals(id.getName())) {
			return describe(id, ACTIVE_DESCRIPTION);
		}
		return id;
	}

	private static Meter.Id describe(Meter.Id id, String description) {
		return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
	}

}
