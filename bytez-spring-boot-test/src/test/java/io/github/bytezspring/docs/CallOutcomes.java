package io.github.bytezspring.docs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records how each Bytez call of a test's application ended, so that a test can tell a
 * call that the application cancelled ({@link BytezOutcome#CANCELLED}) from one that ran
 * to its end.
 */
class CallOutcomes implements ObservationHandler<BytezObservationContext> {

	private final List<BytezOutcome> outcomes = new CopyOnWriteArrayList<>();

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof BytezObservationContext;
	}

	@Override
	public void onStop(BytezObservationContext context) {
		this.outcomes.add(context.getOutcome());
	}

	List<BytezOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	void clear() {
		this.outcomes.clear();
	}

	/**
	 * Gives the application an {@link ObservationRegistry} that reports to a
	 * {@link CallOutcomes} bean.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		CallOutcomes callOutcomes() {
			return new CallOutcomes();
		}

		@Bean
		ObservationRegistry observationRegistry(CallOutcomes outcomes) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(outcomes);
			return registry;
		}

	}

}
