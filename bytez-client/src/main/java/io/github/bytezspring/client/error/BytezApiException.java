package io.github.bytezspring.client.error;

import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Optional;

/**
 * Bytez answered, but with a failure: an error status, a non-null {@code error} in a 200,
 * or a body that is not a Bytez answer.
 */
public class BytezApiException extends BytezException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final @Nullable String errorMessage;

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception for a failed answer.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status Bytez answered with
	 * @param errorMessage Bytez's own {@code error} text, or {@code null} when the body
	 * had none
	 */
	public BytezApiException(String message, BytezOperation operation, @Nullable String modelId, int statusCode,
			@Nullable String errorMessage) {
		this(message, operation, modelId, statusCode, errorMessage, null);
	}

	/**
	 * Create an exception for a failed answer that said when to try again.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status Bytez answered with
	 * @param errorMessage Bytez's own {@code error} text, or {@code null} when the body
	 * had none
	 * @param retryAfter how long the server asked the client to wait, or {@code null}
	 * when it did not say
	 */
	public BytezApiException(String message, BytezOperation operation, @Nullable String modelId, int statusCode,
			@Nullable String errorMessage, @Nullable Duration retryAfter) {
		super(message, operation, modelId, null);
		this.statusCode = statusCode;
		this.errorMessage = errorMessage;
		this.retryAfter = retryAfter;
	}

	/**
	 * Create an exception for a failed answer, with the failure that revealed it.
	 * @param message the full message
	 * @param cause the underlying cause, with every key masked, or {@code null}
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status Bytez answered with
	 * @param errorMessage Bytez's own {@code error} text, or {@code null} when the body
	 * had none
	 */
	protected BytezApiException(String message, @Nullable Throwable cause, BytezOperation operation,
			@Nullable String modelId, int statusCode, @Nullable String errorMessage) {
		super(message, operation, modelId, cause);
		this.statusCode = statusCode;
		this.errorMessage = errorMessage;
		this.retryAfter = null;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status code, e.g. 400 (or 200 when the body carried an error)
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The {@code error} text of Bytez's JSON answer.
	 * @return the error text, or {@code null} when the body was not a Bytez JSON answer
	 */
	public @Nullable String getErrorMessage() {
		return this.errorMessage;
	}

	/**
	 * How long the server asked the client to wait before trying again
	 * ({@code Retry-After} or {@code retry-after-ms}), typically on 429 and 503 answers.
	 * @return the wait, when the server said
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
