package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the Bytez client raises; unchecked, and never carries the API key.
 */
public class BytezException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable BytezOperation operation;

	private final @Nullable String modelId;

	private int attempts = 1;

	private @Nullable String notRetriedBecause;

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param operation the operation that failed, or {@code null} when none applies
	 * @param modelId the model the call was for, or {@code null} for calls without one
	 * @param cause the underlying cause, or {@code null}
	 */
	public BytezException(String message, @Nullable BytezOperation operation, @Nullable String modelId,
			@Nullable Throwable cause) {
		super(message, cause);
		this.operation = operation;
		this.modelId = modelId;
	}

	/**
	 * Create an exception that concerns no particular call.
	 * @param message what went wrong
	 */
	public BytezException(String message) {
		this(message, null, null, null);
	}

	/**
	 * The operation that failed.
	 * @return the operation, or {@code null} when the failure concerns no call
	 */
	public @Nullable BytezOperation getOperation() {
		return this.operation;
	}

	/**
	 * The model the failed call was for.
	 * @return the model id, or {@code null} for calls without one (such as listing tasks)
	 */
	public @Nullable String getModelId() {
		return this.modelId;
	}

	/**
	 * How many times the call was attempted before this failure was final.
	 * @return the number of attempts, 1 when the call was not retried
	 */
	public int getAttempts() {
		return this.attempts;
	}

	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * Why a failure that is otherwise retried was not, for the message: e.g. a {@code Retry-After}
	 * longer than the retry policy allows.
	 * @param reason the reason, naming the setting that decided it
	 */
	public void setNotRetriedBecause(String reason) {
		this.notRetriedBecause = reason;
	}

	@Override
	public @Nullable String getMessage() {
		String message = super.getMessage();
		if (this.attempts > 1) {
			message += " (gave up after " + this.attempts + " attempts)";
		}
		return (this.notRetriedBecause != null) ? message + " (not retried: " + this.notRetriedBecause + ")"
				: message;
	}

	public static String describe(BytezOperation operation, @Nullable String modelId) {
		return (modelId != null) ? "Bytez " + operation + " of '" + modelId + "'" : "Bytez " + operation;
	}

}
