package io.github.bytezspring.client.observation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import io.github.bytezspring.client.model.BytezCallMetadata;

/**
 * The default names and keys of the {@code bytez.client.requests} observation.
 */
public class DefaultBytezObservationConvention implements BytezObservationConvention {

	/** Placeholder value of a key that does not apply. */
	public static final String NONE = "none";

	private static final int MAX_CACHED_COMBINATIONS = 4096;

	private static final KeyValues[] ATTEMPTS = new KeyValues[16];

	static {
		for (int i = 0; i < ATTEMPTS.length; i++) {
			ATTEMPTS[i] = attempts(i);
		}
	}

	private final Map<LowCardinalityValues, KeyValues> lowCardinalityKeyValues = new ConcurrentHashMap<>();

	// the key values of a call still running, asked for once per call as it starts
	private final Map<RunningValues, KeyValues> runningKeyValues = new ConcurrentHashMap<>();

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
		KeyValue model = getModelKeyValue(context);
		if (context.getOutcome() == null) {
			// still running (as when the long-task timer of calls in flight is made):
			// outcome, status and
			// error are not known yet, so they are not claimed
			RunningValues running = new RunningValues(context.getOperation().value(), model);
			KeyValues keyValues = this.runningKeyValues.get(running);
			if (keyValues == null) {
				keyValues = running.toKeyValues();
				if (this.runningKeyValues.size() < MAX_CACHED_COMBINATIONS) {
					this.runningKeyValues.putIfAbsent(running, keyValues);
				}
			}
			return keyValues;
		}
		String outcome = context.getOutcome().name();
		String status = (context.getStatus() != null) ? String.valueOf(context.getStatus()) : "NONE";
		String error = (context.getError() != null) ? context.getError().getClass().getSimpleName() : NONE;
		LowCardinalityValues values = new LowCardinalityValues(context.getOperation().value(), model, outcome, status,
				error);
		// the combinations are few by design (they become metric tags), so each is built
		// and sorted once
		KeyValues keyValues = this.lowCardinalityKeyValues.get(values);
		if (keyValues == null) {
			keyValues = values.toKeyValues();
			if (this.lowCardinalityKeyValues.size() < MAX_CACHED_COMBINATIONS) {
				this.lowCardinalityKeyValues.putIfAbsent(values, keyValues);
			}
		}
		return keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BytezObservationContext context) {
		int attempts = context.getAttempts();
		KeyValues keyValues = (attempts < ATTEMPTS.length) ? ATTEMPTS[attempts] : attempts(attempts);
		String requested = context.getRequestedModelId();
		if (requested != null && context.isIncludeModel()) {
			keyValues = keyValues
				.and(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.REQUESTED_MODEL, requested));
		}
		BytezCallMetadata metadata = context.getMetadata();
		if (metadata.isEmpty()) {
			return keyValues;
		}
		List<KeyValue> more = new ArrayList<>(5);
		metadata.limit()
			.ifPresent((limit) -> more.add(KeyValue
				.of(BytezObservationDocumentation.HighCardinalityKeys.RATELIMIT_LIMIT, String.valueOf(limit))));
		metadata.remaining()
			.ifPresent((remaining) -> more.add(KeyValue
				.of(BytezObservationDocumentation.HighCardinalityKeys.RATELIMIT_REMAINING, String.valueOf(remaining))));
		metadata.reset()
			.ifPresent((reset) -> more
				.add(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.RATELIMIT_RESET, seconds(reset))));
		metadata.inferenceTime()
			.ifPresent((time) -> more
				.add(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.INFERENCE_TIME, seconds(time))));
		metadata.inferenceMeter()
			.ifPresent((meter) -> more
				.add(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.INFERENCE_METER, meter)));
		return keyValues.and(more);
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
	}

	private static KeyValues attempts(int attempts) {
		return KeyValues
			.of(KeyValue.of(BytezObservationDocumentation.HighCardinalityKeys.ATTEMPTS, String.valueOf(attempts)));
	}

	private record RunningValues(String operation, KeyValue model) {

		KeyValues toKeyValues() {
			return KeyValues.of(KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.OPERATION, this.operation),
					this.model);
		}

	}

	private record LowCardinalityValues(String operation, KeyValue model, String outcome, String status, String error) {

		KeyValues toKeyValues() {
			return KeyValues.of(KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.OPERATION, this.operation),
					this.model, KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.OUTCOME, this.outcome),
					KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.STATUS, this.status),
					KeyValue.of(BytezObservationDocumentation.LowCardinalityKeys.ERROR, this.error));
		}

	}

}
