package io.github.bytezspring.client.observation;

/**
 * How a call to Bytez ended, as the {@code outcome} key of its observation.
 */
public enum BytezOutcome {

	/** The call returned its result, or the stream completed. */
	SUCCESS,

	/** Bytez answered 402: the account is out of credits (never retried). */
	PAYMENT_REQUIRED,

	/**
	 * Bytez refused the request: a 4xx other than 402 and 429, or a call rejected by the
	 * client's own limits.
	 */
	CLIENT_ERROR,

	/** Bytez answered 429 and retries did not get through. */
	RATE_LIMITED,

	/**
	 * Bytez or a gateway failed: a 5xx, an error in a 200, or an answer that could not be
	 * read.
	 */
	SERVER_ERROR,

	/** No answer, or no stream chunk, within the configured timeout. */
	TIMEOUT,

	/** The connection could not be opened, or was reset or closed early. */
	TRANSPORT_ERROR,

	/** The subscriber cancelled before the call ended. */
	CANCELLED

}
