package io.github.bytezspring.client.observation;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Gives the meters that Micrometer derives from the {@code bytez.client.requests}
 * observation a description (the HELP text Prometheus shows), gives the call timer and
 * the time-to-first-chunk timer histogram buckets by default, and caps the distinct
 * values of the {@code bytez.model} tag (and of the fallback counter's
 * {@code bytez.fallback.model}, from the same set of models), so that calling many of
 * Bytez's models cannot grow the registry without bound; Spring Boot applies it to every
 * registry, elsewhere add it with {@code registry.config().meterFilter(..)} before the
 * first call.
 * <p>
 * The buckets ({@link #HISTOGRAM_BUCKETS}, from 100 ms to 5 minutes) are what p95 latency
 * and time-to-first-token queries ({@code histogram_quantile}) need; a dozen of them
 * keeps the series a registry holds bounded. Whatever else configures these meters wins,
 * e.g. Boot's {@code management.metrics.distribution.slo.bytez.client.requests=1s,10s},
 * and
 * {@code management.metrics.distribution.percentiles-histogram.bytez.client.requests=true}
 * adds Micrometer's finer buckets.
 */
public final class BytezMeterFilter implements MeterFilter {

	/** The description of the {@code bytez.client.requests} timer. */
	public static final String REQUESTS_DESCRIPTION = "Calls to Bytez, each spanning its retries and, for streams, "
			+ "the whole stream";

	/** The description of the long-task timer of calls in flight. */
	public static final String ACTIVE_DESCRIPTION = "Calls to Bytez in flight";

	/**
	 * The default histogram buckets of the call timer, the time-to-first-chunk and
	 * time-to-first-byte timers: from a quick answer to a long generation with retries.
	 */
	public static final List<Duration> HISTOGRAM_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofMinutes(5));

	private static final DistributionStatisticConfig HISTOGRAM = DistributionStatisticConfig.builder()
		.serviceLevelObjectives(HISTOGRAM_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
		.build();

	/**
	 * How many distinct {@code bytez.model} values meters get by default before new
	 * models share {@link #OVERFLOW_MODEL}, as Boot caps its HTTP clients' {@code uri}
	 * tag at 100.
	 */
	public static final int DEFAULT_MAX_MODEL_TAGS = 100;

	/** The {@code bytez.model} value of every model past the cap. */
	public static final String OVERFLOW_MODEL = "_other";

	private static final Log logger = LogFactory.getLog(BytezMeterFilter.class);

	private static final String MODEL_KEY = BytezObservationDocumentation.LowCardinalityKeys.MODEL.asString();

	private final int maxModelTags;

	private final Set<String> models = ConcurrentHashMap.newKeySet();

	private volatile boolean warned;

	/**
	 * A filter that keeps {@value #DEFAULT_MAX_MODEL_TAGS} distinct models on meters.
	 */
	public BytezMeterFilter() {
		this(DEFAULT_MAX_MODEL_TAGS);
	}

	/**
	 * A filter that keeps the given number of distinct models on meters.
	 * @param maxModelTags how many distinct {@code bytez.model} values meters may carry
	 * ({@code bytez.observations.max-model-tags}), 1 or more
	 */
	public BytezMeterFilter(int maxModelTags) {
		if (maxModelTags < 1) {
			throw new IllegalArgumentException("maxModelTags must be 1 or more, was " + maxModelTags);
		}
		this.maxModelTags = maxModelTags;
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() == Meter.Type.TIMER && (BytezObservationDocumentation.REQUESTS.equals(id.getName())
				|| BytezObservationDocumentation.STREAM_FIRST_CHUNK.equals(id.getName())
				|| BytezObservationDocumentation.FIRST_BYTE.equals(id.getName()))) {
			// the configuration so far wins where it says something; the defaults fill in
			// the rest
			return config.merge(HISTOGRAM);
		}
		return config;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		Meter.Id capped = capModel(id);
		if (capped.getDescription() != null) {
			return capped;
		}
		if (BytezObservationDocumentation.REQUESTS.equals(capped.getName())) {
			return describe(capped, REQUESTS_DESCRIPTION);
		}
		if ((BytezObservationDocumentation.REQUESTS + ".active").equals(capped.getName())) {
			return describe(capped, ACTIVE_DESCRIPTION);
		}
		return capped;
	}

	// Micrometer's own MeterFilter.maximumAllowableTags denies meters past the cap; the
	// calls past it
	// must still be counted, so the model is replaced by one overflow value instead.
	// The model a fallback went to (bytez.fallback.model) shares the cap: one set of
	// admitted models.
	private Meter.Id capModel(Meter.Id id) {
		return capTag(capTag(id, MODEL_KEY), BytezObservationDocumentation.FALLBACK_MODEL_TAG);
	}

	private Meter.Id capTag(Meter.Id id, String key) {
		String model = id.getTag(key);
		if (model == null || model.equals(OVERFLOW_MODEL) || model.equals(DefaultBytezObservationConvention.NONE)
				|| admit(model)) {
			return id;
		}
		return id.replaceTags(Tags.of(id.getTagsAsIterable()).and(Tag.of(key, OVERFLOW_MODEL)));
	}

	private boolean admit(String model) {
		if (this.models.contains(model)) {
			return true;
		}
		synchronized (this.models) {
			if (this.models.size() < this.maxModelTags) {
				this.models.add(model);
				return true;
			}
		}
		warnOnce(model);
		return false;
	}

	private void warnOnce(String model) {
		if (!this.warned) {
			this.warned = true;
			logger.warn("Meters of Bytez calls have reached " + this.maxModelTags + " distinct bytez.model tags; "
					+ "further models, starting with " + model + ", are tagged bytez.model=" + OVERFLOW_MODEL
					+ " (raise the cap: bytez.observations.max-model-tags in Spring Boot, new BytezMeterFilter(int) without)");
		}
	}

	/**
	 * How many distinct models meters carry now.
	 * @return the number of {@code bytez.model} values admitted, at most the cap
	 */
	public int modelTags() {
		return this.models.size();
	}

	private static Meter.Id describe(Meter.Id id, @Nullable String description) {
		return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), description, id.getType());
	}

}
