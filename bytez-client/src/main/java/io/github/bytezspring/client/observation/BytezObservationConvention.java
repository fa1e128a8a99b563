package io.github.bytezspring.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the {@code bytez.client.requests} observation and chooses its keys; declare a bean of this
 * type to replace {@link DefaultBytezObservationConvention}.
 */
public interface BytezObservationConvention extends ObservationConvention<BytezObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof BytezObservationContext;
	}

}
