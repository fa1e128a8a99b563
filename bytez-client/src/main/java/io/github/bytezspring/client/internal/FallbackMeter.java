package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts the calls handed from one model to the next
 * ({@value BytezObservationDocumentation#FALLBACKS}), tagged with the operation, the
 * model that could not answer ({@code bytez.model}, as on every meter), the model that
 * took over ({@code bytez.fallback.model}) and the reason; both model tags are the
 * convention's value, and {@code BytezMeterFilter} caps both.
 */
public final class FallbackMeter {

	/** Counts nothing. */
	static final FallbackMeter NONE = new FallbackMeter(null, null, true, null);

	private static final DefaultBytezObservationConvention DEFAULT_CONVENTION = new DefaultBytezObservationConvention();

	private final Meter.@Nullable MeterProvider<Counter> fallbacks;

	private final BytezObservationConvention convention;

	private final boolean includeModel;

	private final @Nullable CallRecorder recorder;

	/**
	 * @param meterRegistry where the counter goes, or {@code null} for nowhere
	 * @param convention the convention that names the model on every meter, or
	 * {@code null} for the default
	 * @param includeModel whether meters carry model ids
	 * ({@code bytez.observations.include-model})
	 * @param recorder records such that recording can never fail the call, or
	 * {@code null}
	 */
	public FallbackMeter(@Nullable MeterRegistry meterRegistry, @Nullable BytezObservationConvention convention,
			boolean includeModel, @Nullable CallRecorder recorder) {
		this.fallbacks = (meterRegistry != null) ? Counter.builder(BytezObservationDocumentation.FALLBACKS)
			.description("Calls to Bytez handed from a model that could not answer (rate-limited, out of credits, "
					+ "failing or too slow) to the next model of its fallback chain")
			.withRegistry(meterRegistry) : null;
		this.convention = (convention != null) ? convention : DEFAULT_CONVENTION;
		this.includeModel = includeModel;
		this.recorder = recorder;
	}

	void record(BytezOperation operation, String from, String to, String reason) {
		Meter.MeterProvider<Counter> fallbacks = this.fallbacks;
		if (fallbacks == null) {
			return;
		}
		Runnable recording = () -> {
			KeyValue fromModel = this.convention.getModelKeyValue(context(operation, from));
			KeyValue toModel = this.convention.getModelKeyValue(context(operation, to));
			fallbacks
				.withTags("bytez.operation", operation.value(), fromModel.getKey(), fromModel.getValue(),
						BytezObservationDocumentation.FALLBACK_MODEL_TAG, toModel.getValue(), "reason", reason)
				.increment();
		};
		if (this.recorder != null) {
			this.recorder.guarded("fallback", recording);
		}
		else {
			recording.run();
		}
	}

	private BytezObservationContext context(BytezOperation operation, String modelId) {
		return new BytezObservationContext(operation, modelId, this.includeModel);
	}

}
