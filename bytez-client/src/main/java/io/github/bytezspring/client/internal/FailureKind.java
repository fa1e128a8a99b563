package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.observation.BytezOutcome;

/**
 * The one classification of a failed call: what it is reported as (the observation's
 * {@link BytezOutcome}, the retry meter's {@code reason}) and whether another attempt is
 * safe. Retry, observation and meters all read it from here.
 */
enum FailureKind {

	/** HTTP 429: always worth another attempt, nothing was done. */
	RATE_LIMITED(BytezOutcome.RATE_LIMITED, "rate_limited", Retry.ALWAYS),

	/**
	 * HTTP 502, 503, 504: a gateway or an overloaded server that did not start the work.
	 */
	GATEWAY(BytezOutcome.SERVER_ERROR, "server_error", Retry.ALWAYS),

	/** Any other 5xx: the work may have been done, so only reads are repeated. */
	SERVER(BytezOutcome.SERVER_ERROR, "server_error", Retry.READS),

	/** An answer that carries an error in a 200, or cannot be read: never repeated. */
	BAD_ANSWER(BytezOutcome.SERVER_ERROR, "server_error", Retry.NEVER),

	/**
	 * HTTP 402: the account is out of credits; repeating cannot help until credits are
	 * added.
	 */
	PAYMENT_REQUIRED(BytezOutcome.PAYMENT_REQUIRED, "payment_required", Retry.NEVER),

	/** A 4xx other than 402 and 429: repeating it gives the same answer. */
	REFUSED(BytezOutcome.CLIENT_ERROR, "client_error", Retry.NEVER),

	/** No connection could be opened: the request was never sent. */
	CONNECT(BytezOutcome.TRANSPORT_ERROR, "transport", Retry.ALWAYS),

	/** No answer or no stream chunk in time: the server may be working on it. */
	TIMEOUT(BytezOutcome.TIMEOUT, "transport", Retry.READS),

	/** The connection was reset or closed early. */
	TRANSPORT(BytezOutcome.TRANSPORT_ERROR, "transport", Retry.READS),

	/** Anything else, such as a call rejected by the client's own limits or a bug. */
	OTHER(BytezOutcome.CLIENT_ERROR, "client_error", Retry.NEVER);

	private final BytezOutcome outcome;

	private final String reason;

	private final Retry retry;

	FailureKind(BytezOutcome outcome, String reason, Retry retry) {
		this.outcome = outcome;
		this.reason = reason;
		this.retry = retry;
	}

	/**
	 * Classify a failure.
	 * @param failure what a call failed with, typically a {@code BytezException}
	 * @return its kind, {@link #OTHER} for anything the client did not map
	 */
	static FailureKind of(Throwable failure) {
		if (failure instanceof BytezRateLimitException) {
			return RATE_LIMITED;
		}
		if (failure instanceof BytezPaymentRequiredException) {
			return PAYMENT_REQUIRED;
		}
		if (failure instanceof BytezInvalidResponseException) {
			// whatever its status: an answer that cannot be read is read the same way
			// again
			return BAD_ANSWER;
		}
		if (failure instanceof BytezServerException serverFailure) {
			int status = serverFailure.getStatusCode();
			return (status == 502 || status == 503 || status == 504) ? GATEWAY : SERVER;
		}
		if (failure instanceof BytezApiException apiFailure) {
			int status = apiFailure.getStatusCode();
			return (status >= 400 && status < 500) ? REFUSED : BAD_ANSWER;
		}
		if (failure instanceof BytezConnectException) {
			return CONNECT;
		}
		if (failure instanceof BytezTimeoutException) {
			return TIMEOUT;
		}
		if (failure instanceof BytezTransportException) {
			return TRANSPORT;
		}
		return OTHER;
	}

	/** How a call that ended with this failure is observed. */
	BytezOutcome outcome() {
		return this.outcome;
	}

	/** The {@code reason} tag of the retry counter. */
	String reason() {
		return this.reason;
	}

	/**
	 * Whether another attempt can neither duplicate work the server did nor repeat a
	 * certain failure.
	 * @param operation the failed call's operation
	 * @return whether it may be retried
	 */
	boolean isRetryable(BytezOperation operation) {
		return this.retry == Retry.ALWAYS || (this.retry == Retry.READS && operation.isIdempotent());
	}

	private enum Retry {

		ALWAYS, READS, NEVER

	}

}
