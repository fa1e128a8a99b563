package io.github.bytezspring.client.observation;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives the meters that Micrometer derives from the {@code bytez.client.requests} observation (its
 * timer and its long-task timer of calls in flight) a description, the HELP text Prometheus shows;
 * Spring Boot applies it to every registry, elsewhere add it with {@code registry.config().meterFilter(..)}
 * before the first call.
 */
public final class BytezMeterFilter implements MeterFilter {

	/** The description of the {@code bytez.client.requests} timer. */
	public static final String REQUESTS_DESCRIPTION = "Calls to Bytez, each spanning its retries and, for streams, "
			+ "the whole stream";

	/** The description of the long-task timer of calls in flight. */
	public static final String ACTIVE_DESCRIPTION = "Calls to Bytez in flight";

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
