package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;

import org.jspecify.annotations.Nullable;

/**
 * The store of a spend shared by many instances (for example Redis) did not answer in
 * time or failed, so the call was not sent rather than risk exceeding the budget.
 */
public class BytezSpendStoreException extends BytezException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a store failure.
	 * @param message what failed
	 * @param operation the operation that was not sent
	 * @param modelId the model, or {@code null}
	 * @param cause the store's failure
	 */
	public BytezSpendStoreException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable Throwable cause) {
		super(message, operation, modelId, cause);
	}

}
