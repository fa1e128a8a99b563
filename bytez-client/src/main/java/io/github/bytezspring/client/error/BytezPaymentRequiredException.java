package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * Bytez answered 402 (Payment Required): the account is out of credits; retrying cannot
 * help until credits are added (or auto-reload is enabled) in the Bytez dashboard.
 */
public class BytezPaymentRequiredException extends BytezApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a call refused for lack of credits.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param errorMessage Bytez's own {@code error} text, or {@code null}
	 */
	public BytezPaymentRequiredException(String message, BytezOperation operation, @Nullable String modelId,
			@Nullable String errorMessage) {
		super(message, operation, modelId, 402, errorMessage);
	}

}
