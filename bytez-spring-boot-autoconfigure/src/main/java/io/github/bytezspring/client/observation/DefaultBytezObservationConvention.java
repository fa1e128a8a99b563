package io.github.bytezspring.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and keys of the {@code bytez.client.requests} observation.
 */
public class DefaultBytezObservationConvention implements BytezObservationConvention {

	/** Placeholder value of a key that does not apply. */
	public static final String NONE = "none";

	@Override
	public String getName() {
		return BytezObservationDocumentation.REQUESTS;
	}

	@Override
	public String getContextualName(BytezObservationContext context) {
		return "bytez " + context.getOperation().value();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BytezObservationContext context) {
		return KeyValues.of(
				KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.OPERATION, context.getOperation().value()),
				KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.MODEL, model(context)),
				KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.OUTCOME,
						(context.getOutcome() != null) ? context.getOutcome().name() : BytezOutcome.SUCCESS.name()),
				KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.STATUS,
						(context.getStatus() != null) ? String.valueOf(context.getStatus()) : "NONE"),
				KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.ERROR,
						(context.getError() != null) ? context.getError().getClass().getSimpleName() : NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BytezObservationContext context) {
		return KeyValues.of(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.ATTEMPTS,
				String.valueOf(context.getAttempts())));
	}

	/**
	 * The model key's value: the model id, or {@code none}.
	 * @param context the context
	 * @return the value
	 */
	protected String model(BytezObservationContext context) {
		return (context.isIncludeModel() && context.getModelId() != null) ? context.getModelId() : NONE;
	}

}
