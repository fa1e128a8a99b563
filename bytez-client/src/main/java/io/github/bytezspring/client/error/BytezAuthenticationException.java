package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * Bytez refused the API key (HTTP 401 or 403).
 */
public class BytezAuthenticationException extends BytezApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a refused key.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode 401 or 403
	 * @param errorMessage Bytez's own {@code error} text, or {@code null}
	 */
	public BytezAuthenticationException(String message, BytezOperation operation, @Nullable String modelId,
			int statusCode, @Nullable String errorMessage) {
		super(message, operation, modelId, statusCode, errorMessage);
	}

}
