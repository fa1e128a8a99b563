package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The estimated spend of the current budget period has reached its maximum cost, so the
 * call was not sent; it is never retried nor handed to a fallback model, and calls go
 * again when the next period starts.
 */
public class BytezBudgetExceededException extends BytezException {

	private static final long serialVersionUID = 1L;

	private final Instant periodEnd;

	/**
	 * Create an exception for a call that the spend guard stopped.
	 * @param message what was stopped and which setting decided it
	 * @param operation the operation that was not sent
	 * @param modelId the model, or {@code null}
	 * @param periodEnd when the current period ends and calls go again
	 */
	public BytezBudgetExceededException(String message, BytezOperation operation, @Nullable String modelId,
			Instant periodEnd) {
		super(message, operation, modelId, null);
		this.periodEnd = periodEnd;
	}

	/**
	 * When the budget period ends, and calls are sent again.
	 * @return the end of the current period
	 */
	public Instant getPeriodEnd() {
		return this.periodEnd;
	}

}
