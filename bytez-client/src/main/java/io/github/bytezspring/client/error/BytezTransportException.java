package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * The exchange with Bytez failed below HTTP: the connection was refused, reset or closed
 * early, or the answer did not arrive in time.
 */
public class BytezTransportException extends BytezException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a failed exchange.
	 * @param message what went wrong
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param cause the transport failure, or {@code null} when there was none (such as a
	 * timeout of the whole call)
	 */
	public BytezTransportException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable Throwable cause) {
		super(message, operation, modelId, cause);
	}

}
