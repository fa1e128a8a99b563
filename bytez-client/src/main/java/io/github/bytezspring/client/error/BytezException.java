package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the Bytez client raises; unchecked, and never carries the API
 * key.
 */
public class BytezException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable BytezOperation operation;

	private final @Nullable String modelId;

	private int attempts = 1;

	private @Nullable String notRetriedBecause;

	private List<String> modelsTried = List.of();

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
	 * Why a failure that is otherwise retried was not, for the message: e.g. a
	 * {@code Retry-After} longer than the retry policy allows.
	 * @param reason the reason, naming the setting that decided it
	 */
	public void setNotRetriedBecause(String reason) {
		this.notRetriedBecause = reason;
	}

	/**
	 * The models a call with fallback models tried, in order, when it ended with this
	 * failure: the failures of the models before the last are this exception's suppressed
	 * exceptions.
	 * @return the model ids, the last being the model this failure is from; empty when
	 * the call did not fall back
	 */
	public List<String> getModelsTried() {
		return this.modelsTried;
	}

	/**
	 * Record that this failure ends a call that fell back through the given models, for
	 * the message.
	 * @param modelsTried the model ids in the order they were tried, the last being this
	 * failure's
	 */
	public void setModelsTried(List<String> modelsTried) {
		this.modelsTried = List.copyOf(modelsTried);
	}

	@Override
	public @Nullable String getMessage() {
		String message = super.getMessage();
		if (this.attempts > 1) {
			message += " (gave up after " + this.attempts + " attempts)";
		}
		if (this.notRetriedBecause != null) {
			message += " (not retried: " + this.notRetriedBecause + ")";
		}
		if (!this.modelsTried.isEmpty()) {
			message += " (models tried in turn: '" + String.join("', '", this.modelsTried)
					+ "'; the earlier models' failures are suppressed)";
		}
		return message;
	}

	public static String describe(BytezOperation operation, @Nullable String modelId) {
		return (modelId != null) ? "Bytez " + operation + " of '" + modelId + "'" : "Bytez " + operation;
	}

}
