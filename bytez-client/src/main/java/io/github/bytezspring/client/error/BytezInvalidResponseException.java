package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * Bytez's answer could not be read: an empty body, an HTML page, malformed JSON, or JSON
 * of the wrong shape where a Bytez result was expected.
 */
public class BytezInvalidResponseException extends BytezApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for an unreadable answer.
	 * @param message the full message, quoting a short excerpt of the body
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status of the answer
	 */
	public BytezInvalidResponseException(String message, BytezOperation operation, @Nullable String modelId,
			int statusCode) {
		super(message, operation, modelId, statusCode, null);
	}

	/**
	 * Create an exception for an answer that failed while it was read.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status of the answer
	 * @param cause what failed to read it, with every key masked, or {@code null}
	 */
	public BytezInvalidResponseException(String message, BytezOperation operation, @Nullable String modelId,
			int statusCode, @Nullable Throwable cause) {
		super(message, cause, operation, modelId, statusCode, null);
	}

}
