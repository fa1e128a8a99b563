package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * The shared concurrency budget's store (for example Redis) could not be reached, or a
 * running call lost its permit, so the call was not made (or was stopped) rather than
 * exceed the budget.
 */
public class BytezPermitStoreException extends BytezException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a store failure.
	 * @param message what failed and which setting governs it
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param cause the store's failure, or {@code null}
	 */
	public BytezPermitStoreException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable Throwable cause) {
		super(message, operation, modelId, cause);
	}

}
