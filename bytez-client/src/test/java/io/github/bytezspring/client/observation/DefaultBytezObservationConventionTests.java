package io.github.bytezspring.client.observation;

import org.junit.jupiter.api.Test;

import io.github.bytezspring.client.model.BytezOperation;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultBytezObservationConventionTests {

	private final DefaultBytezObservationConvention convention = new DefaultBytezObservationConvention();

	@Test
	void eachCombinationOfKeyValuesIsBuiltOnceAndStaysCorrect() {
		BytezObservationContext first = context(BytezOutcome.SUCCESS, 200, 1);
		BytezObservationContext second = context(BytezOutcome.SUCCESS, 200, 3);
		BytezObservationContext limited = context(BytezOutcome.RATE_LIMITED, 429, 4);

		assertThat(this.convention.getLowCardinalityKeyValues(second))
			.isSameAs(this.convention.getLowCardinalityKeyValues(first));
		assertThat(this.convention.getLowCardinalityKeyValues(limited)
			.stream()
			.map((kv) -> kv.getKey() + "=" + kv.getValue())).containsExactly("bytez.model=org/m", "bytez.operation=run",
					"error=none", "outcome=RATE_LIMITED", "status=429");
		assertThat(this.convention.getHighCardinalityKeyValues(second).stream().map((kv) -> kv.getValue()))
			.containsExactly("3");
		BytezObservationContext many = context(BytezOutcome.SUCCESS, 200, 40);
		assertThat(this.convention.getHighCardinalityKeyValues(many).stream().map((kv) -> kv.getValue()))
			.containsExactly("40");
	}

	private static BytezObservationContext context(BytezOutcome outcome, int status, int attempts) {
		BytezObservationContext context = new BytezObservationContext(BytezOperation.RUN, "org/m", true);
		context.setOutcome(outcome);
		context.setStatus(status);
		for (int i = 0; i < attempts; i++) {
			context.attemptStarted();
		}
		return context;
	}

}
