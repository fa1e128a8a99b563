package io.github.bytezspring.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the {@code bytez.client.requests} observation and chooses its keys; declare a
 * bean of this type to replace {@link DefaultBytezObservationConvention}.
 * <p>
 * The model key comes from {@link #getModelKeyValue} alone: the observation (and so its
 * timer) and every meter the client records beside it (retries, stream first chunk,
 * chunks and bytes, token usage) carry what it returns, so overriding it renames or
 * retags the model everywhere at once.
 */
public interface BytezObservationConvention extends ObservationConvention<BytezObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof BytezObservationContext;
	}

	/**
	 * The key value that names the call's model, on the observation and on every meter;
	 * by default {@code bytez.model} with the model id, or {@code none} for calls without
	 * a model or when the context says the model may not be included.
	 * @param context the call's context
	 * @return the key value
	 */
	default KeyValue getModelKeyValue(BytezObservationContext context) {
		String model = (context.isIncludeModel() && context.getModelId() != null) ? context.getModelId()
				: DefaultBytezObservationConvention.NONE;
		return KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.MODEL, model);
	}

}
