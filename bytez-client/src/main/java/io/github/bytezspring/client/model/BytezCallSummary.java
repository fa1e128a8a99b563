package io.github.bytezspring.client.model;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the client recorded about the call that produced an answer: the attempts it took,
 * the status, rate-limit and metering headers of the answer, the tokens it reported, and
 * how long it took.
 *
 * @param operation the call's operation
 * @param model the model that answered (the model called), or {@code null} for calls
 * without one
 * @param attempts the HTTP exchanges the call started, from 1; 0 when not known
 * @param status the HTTP status of the answer; 0 when not known
 * @param metadata the rate-limit and metering headers of the answer
 * @param usage the tokens the answer reported, {@link BytezTokenUsage#empty()} when it
 * reported none
 * @param timeToHeaders from the start of the call (its wait for a permit included) to the
 * headers of the answer
 * @param duration from the start of the call to its answer being read
 */
public record BytezCallSummary(BytezOperation operation, @Nullable String model, int attempts, int status,
		BytezCallMetadata metadata, BytezTokenUsage usage, Duration timeToHeaders, Duration duration) {

	/**
	 * Create a summary, checking that no part is missing.
	 */
	public BytezCallSummary {
		Assert.notNull(operation, "operation must not be null");
		Assert.notNull(metadata, "metadata must not be null");
		Assert.notNull(usage, "usage must not be null");
		Assert.notNull(timeToHeaders, "timeToHeaders must not be null");
		Assert.notNull(duration, "duration must not be null");
	}

	/**
	 * The summary of a {@code run} answer made by hand (e.g. in a test), of which only
	 * the headers are known: no attempts, status 0, no usage, zero durations.
	 * @param metadata the rate-limit and metering headers of the answer
	 * @return the summary
	 */
	public static BytezCallSummary of(BytezCallMetadata metadata) {
		return new BytezCallSummary(BytezOperation.RUN, null, 0, 0, metadata, BytezTokenUsage.empty(), Duration.ZERO,
				Duration.ZERO);
	}

}
