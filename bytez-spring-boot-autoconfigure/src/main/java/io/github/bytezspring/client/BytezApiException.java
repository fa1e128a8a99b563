package io.github.bytezspring.client;

/**
 * Bytez answered, but with a failure: an error status, a non-null {@code error} in a 200, or a body
 * that is not a Bytez answer.
 */
public class BytezApiException extends BytezException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final String errorMessage;

	/**
	 * Create an exception for a failed answer.
	 * @param message the full message
	 * @param operation the operation that failed
	 * @param modelId the model, or {@code null}
	 * @param statusCode the HTTP status Bytez answered with
	 * @param errorMessage Bytez's own {@code error} text, or {@code null} when the body had none
	 */
	public BytezApiException(String message, BytezOperation operation, String modelId, int statusCode,
			String errorMessage) {
		super(message, operation, modelId, null);
		this.statusCode = statusCode;
		this.errorMessage = errorMessage;
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
	public String getErrorMessage() {
		return this.errorMessage;
	}

}
