package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * No connection to Bytez could be opened (refused, unreachable, or the connect timeout
 * passed); the request was never sent.
 */
public class BytezConnectException extends BytezTransportException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a failed connect.
	 * @param message what went wrong
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param cause the connect failure
	 */
	public BytezConnectException(String message, BytezOperation operation, @Nullable String modelId, Throwable cause) {
		super(message, operation, modelId, cause);
	}

}
