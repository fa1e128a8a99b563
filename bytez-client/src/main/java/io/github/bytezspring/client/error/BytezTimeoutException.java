package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * Bytez did not answer, or a stream stalled, for longer than the configured timeout.
 */
public class BytezTimeoutException extends BytezTransportException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a timeout.
	 * @param message what timed out and which setting governs it
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param cause the underlying timeout, or {@code null} when the call's own deadline
	 * passed
	 */
	public BytezTimeoutException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable Throwable cause) {
		super(message, operation, modelId, cause);
	}

}
