package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * Bytez, or a gateway in front of it, failed with a 5xx status.
 */
public class BytezServerException extends BytezApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a server failure.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the 5xx status
	 * @param errorMessage Bytez's own {@code error} text, or {@code null}
	 */
	public BytezServerException(String message, BytezOperation operation, @Nullable String modelId, int statusCode,
			@Nullable String errorMessage) {
		this(message, operation, modelId, statusCode, errorMessage, null);
	}

	/**
	 * Create an exception for a server failure that said when to try again.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the 5xx status
	 * @param errorMessage Bytez's own {@code error} text, or {@code null}
	 * @param retryAfter how long the server asked the client to wait, or {@code null}
	 */
	public BytezServerException(String message, BytezOperation operation, @Nullable String modelId, int statusCode,
			@Nullable String errorMessage, @Nullable Duration retryAfter) {
		super(message, operation, modelId, statusCode, errorMessage, retryAfter);
	}

}
