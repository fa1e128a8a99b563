package io.github.bytezspring.client.retry;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told about every retry the client schedules, e.g. to count retries in a metric.
 */
@FunctionalInterface
public interface BytezRetryListener {

	/**
	 * A failed attempt is about to be retried.
	 * @param event what failed and when the next attempt starts
	 */
	void onRetry(Event event);

	/**
	 * One scheduled retry.
	 *
	 * @param operation the operation being retried
	 * @param modelId the model, or {@code null} for calls without one
	 * @param attempt the attempt that failed, from 1
	 * @param maxAttempts the most attempts the call may make
	 * @param failure why the attempt failed
	 * @param delay the wait before the next attempt
	 */
	record Event(BytezOperation operation, @Nullable String modelId, int attempt, int maxAttempts,
			BytezException failure, Duration delay) {
	}

}
