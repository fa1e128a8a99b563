package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.observation.BytezOutcome;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One classification gives the outcome, the retry meter's reason and whether a call may
 * be retried.
 */
class FailureKindTests {

	private static final BytezOperation POST = BytezOperation.RUN;

	private static final BytezOperation READ = BytezOperation.LIST_MODELS;

	@Test
	void eachFailureHasOneKindThatDecidesOutcomeReasonAndRetry() {
		expect(new BytezRateLimitException("", POST, "o/m", null, null), BytezOutcome.RATE_LIMITED, "rate_limited",
				true, true);
		expect(new BytezServerException("", POST, "o/m", 503, null), BytezOutcome.SERVER_ERROR, "server_error", true,
				true);
		expect(new BytezServerException("", POST, "o/m", 500, null), BytezOutcome.SERVER_ERROR, "server_error", false,
				true);
		expect(new BytezApiException("", POST, "o/m", 200, "crashed"), BytezOutcome.SERVER_ERROR, "server_error", false,
				false);
		expect(new BytezInvalidResponseException("", POST, "o/m", 200), BytezOutcome.SERVER_ERROR, "server_error",
				false, false);
		expect(new BytezAuthenticationException("", POST, "o/m", 401, null), BytezOutcome.CLIENT_ERROR, "client_error",
				false, false);
		expect(new BytezConnectException("", POST, "o/m", null), BytezOutcome.TRANSPORT_ERROR, "transport", true, true);
		expect(new BytezTimeoutException("", POST, "o/m", null), BytezOutcome.TIMEOUT, "transport", false, true);
		expect(new BytezTransportException("", POST, "o/m", null), BytezOutcome.TRANSPORT_ERROR, "transport", false,
				true);
		expect(new IllegalStateException(), BytezOutcome.CLIENT_ERROR, "client_error", false, false);
	}

	@Test
	void theObservationsOutcomeIsTheClassifications() {
		BytezServerException failure = new BytezServerException("", POST, "o/m", 502, null);

		assertThat(CallRecorder.outcomeOf(failure)).isEqualTo(FailureKind.of(failure).outcome());
	}

	private static void expect(Throwable failure, BytezOutcome outcome, String reason, boolean retryPost,
			boolean retryRead) {
		FailureKind kind = FailureKind.of(failure);
		assertThat(kind.outcome()).as("outcome of %s", failure).isEqualTo(outcome);
		assertThat(kind.reason()).as("reason of %s", failure).isEqualTo(reason);
		assertThat(kind.isRetryable(POST)).as("retry a POST after %s", failure).isEqualTo(retryPost);
		assertThat(kind.isRetryable(READ)).as("retry a read after %s", failure).isEqualTo(retryRead);
	}

}
