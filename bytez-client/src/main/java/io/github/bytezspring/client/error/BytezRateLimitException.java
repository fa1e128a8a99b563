package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * Bytez answered 429: the account's concurrency or request-rate limit was exceeded.
 */
public class BytezRateLimitException extends BytezApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a rate-limited call.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param errorMessage Bytez's own {@code error} text, or {@code null}
	 * @param retryAfter how long the server asked the client to wait, or {@code null}
	 * when it did not say
	 */
	public BytezRateLimitException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable String errorMessage, @Nullable Duration retryAfter) {
		super(message, operation, modelId, 429, errorMessage, retryAfter);
	}

}
