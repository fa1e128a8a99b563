package io.github.bytezspring.ai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.Context;

/**
 * Puts a Spring AI model observation into the Reactor context of the Bytez call it makes,
 * where the client finds the parent of its {@code bytez.client.requests} observation.
 */
final class ObservationParent {

	private ObservationParent() {
	}

	static Context put(Context context, Observation observation) {
		return observation.isNoop() ? context : context.put(ObservationThreadLocalAccessor.KEY, observation);
	}

}
