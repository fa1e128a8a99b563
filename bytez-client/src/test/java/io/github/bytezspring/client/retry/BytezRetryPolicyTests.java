package io.github.bytezspring.client.retry;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.internal.BytezRetry;
import io.github.bytezspring.client.internal.RetryAfter;
import io.github.bytezspring.client.internal.SettingNames;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BytezRetryPolicyTests {

	private final BytezRetryPolicy policy = BytezRetryPolicy.builder()
		.initialBackoff(Duration.ofMillis(500))
		.multiplier(2.0)
		.maxBackoff(Duration.ofSeconds(3))
		.jitter(0.5)
		.build();

	@Test
	void backoffGrowsByTheMultiplierUntilTheCap() {
		// random 1.0 (just under, in practice) gives the full backoff: 500ms, 1s, 2s,
		// then capped at 3s
		assertThat(this.policy.backoff(1, () -> 1.0)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.policy.backoff(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(3, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.policy.backoff(4, () -> 1.0)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.policy.backoff(30, () -> 1.0)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void jitterIsTheRandomFractionOfEachBackoff() {
		assertThat(this.policy.backoff(2, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.policy.backoff(2, () -> 0.5)).isEqualTo(Duration.ofMillis(750));
		assertThat(this.policy.backoff(4, () -> 0.0)).isEqualTo(Duration.ofMillis(1500));
		BytezRetryPolicy noJitter = BytezRetryPolicy.builder().jitter(0).build();
		assertThat(noJitter.backoff(1, () -> 0.123)).isEqualTo(Duration.ofMillis(500));
		BytezRetryPolicy fullJitter = BytezRetryPolicy.builder().jitter(1).build();
		assertThat(fullJitter.backoff(1, () -> 0.0)).isZero();
	}

	@Test
	void jitteredBackoffsStayWithinTheirBoundsForManyRandomDraws() {
		java.util.Random random = new java.util.Random(42);
		for (int i = 0; i < 1000; i++) {
			Duration wait = this.policy.backoff(3, random::nextDouble);
			assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		}
	}

	@Test
	void withMaxRetriesKeepsEverythingElse() {
		BytezRetryPolicy one = this.policy.withMaxRetries(1);
		assertThat(one.maxRetries()).isEqualTo(1);
		assertThat(one.maxBackoff()).isEqualTo(Duration.ofSeconds(3));
		assertThat(one.backoff(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(BytezRetryPolicy.none().maxRetries()).isZero();
		assertThat(BytezRetryPolicy.defaults().maxRetries()).isEqualTo(3);
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.builder().jitter(1.5))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.builder().multiplier(0.5))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.builder().maxRetries(-1))
			.withMessageContaining("maxRetries");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.builder().initialBackoff(Duration.ZERO))
			.withMessageContaining("initialBackoff");
	}

	@Test
	void thePolicyIsAValueWhoseConstructorChecksLikeTheBuilder() {
		assertThat(BytezRetryPolicy.builder().build()).isEqualTo(BytezRetryPolicy.defaults())
			.isEqualTo(new BytezRetryPolicy(BytezRetryPolicy.DEFAULT_MAX_RETRIES,
					BytezRetryPolicy.DEFAULT_INITIAL_BACKOFF, BytezRetryPolicy.DEFAULT_MULTIPLIER,
					BytezRetryPolicy.DEFAULT_MAX_BACKOFF, BytezRetryPolicy.DEFAULT_JITTER,
					BytezRetryPolicy.DEFAULT_RESPECT_RETRY_AFTER, BytezRetryPolicy.DEFAULT_MAX_RETRY_AFTER));
		assertThat(BytezRetryPolicy.defaults().withMaxRetries(3)).isSameAs(BytezRetryPolicy.defaults());
		assertThat(BytezRetryPolicy.defaults().withMaxRetries(0)).isEqualTo(BytezRetryPolicy.none());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezRetryPolicy(1, null, 2, Duration.ofSeconds(1), 0, true, Duration.ofSeconds(1)))
			.withMessage("initialBackoff must be a positive duration, e.g. 10s, was null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.defaults().withMaxRetries(-1))
			.withMessageContaining("maxRetries");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezRetryPolicy.builder().maxRetryAfter(null))
			.withMessage("maxRetryAfter must be a positive duration, e.g. 10s, was null");
	}

	@Test
	void retryAfterIsReadAsSecondsAsAnHttpDateAndAsMilliseconds() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
		assertThat(RetryAfter.parse(headers("Retry-After", "7"), clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(headers("Retry-After", "Thu, 26 Nov 2026 10:00:30 GMT"), clock))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse(headers("Retry-After", "Thu, 26 Nov 2026 09:59:00 GMT"), clock)).isZero();
		assertThat(RetryAfter.parse(headers("retry-after-ms", "250"), clock)).isEqualTo(Duration.ofMillis(250));
		HttpHeaders both = headers("retry-after-ms", "1500");
		both.add("Retry-After", "9");
		assertThat(RetryAfter.parse(both, clock)).as("retry-after-ms is the more precise")
			.isEqualTo(Duration.ofMillis(1500));
		assertThat(RetryAfter.parse(headers("Retry-After", "soon"), clock)).isNull();
		assertThat(RetryAfter.parse(new HttpHeaders(), clock)).isNull();
	}

	@Test
	void aRetryAfterLongerThanMaxRetryAfterEndsRetryingAtOnce() {
		BytezRetryPolicy capped = BytezRetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(60)).build();
		BytezRetry retry = new BytezRetry(capped, BytezOperation.RUN, "org/m", () -> true, (event) -> {
		}, () -> 0.5);

		assertThat(retry.delayBeforeRetry(rateLimited(Duration.ofSeconds(60)), 1)).isEqualTo(Duration.ofSeconds(60));
		assertThat(retry.delayBeforeRetry(rateLimited(Duration.ofSeconds(61)), 1)).isNull();
		assertThat(retry.delayBeforeRetry(rateLimited(null), 1)).isEqualTo(Duration.ofMillis(375));
		BytezRetryPolicy ignoring = BytezRetryPolicy.builder().respectRetryAfter(false).build();
		assertThat(new BytezRetry(ignoring, BytezOperation.RUN, "org/m", () -> true, (event) -> {
		}, () -> 0.5).delayBeforeRetry(rateLimited(Duration.ofSeconds(61)), 1)).isEqualTo(Duration.ofMillis(375));
	}

	@Test
	void aRetryAfterLongerThanMaxRetryAfterSaysWhyItWasNotRetried() {
		BytezRetryPolicy capped = BytezRetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(60)).build();
		BytezRetry builderNames = new BytezRetry(capped, BytezOperation.RUN, "org/m", () -> true, (event) -> {
		}, () -> 0.5);
		BytezRetry bootNames = new BytezRetry(capped, BytezOperation.RUN, "org/m", () -> true, (event) -> {
		}, () -> 0.5, SettingNames.of((option) -> "bytez.retry.max-retry-after"));

		StepVerifier.create(Mono.error(rateLimited(Duration.ofSeconds(120))).retryWhen(builderNames))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezRateLimitException.class)
				.hasMessage("429 (not retried: the server asked to wait 120s (Retry-After), longer than "
						+ "maxRetryAfter (60s))"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(Mono.error(rateLimited(Duration.ofMillis(60500))).retryWhen(bootNames))
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.hasMessageContaining("not retried: the server asked to wait 60500ms (Retry-After), longer than "
						+ "bytez.retry.max-retry-after (60s)"))
			.verify(Duration.ofSeconds(5));
		// found by the hostile-answer property test: more seconds than milliseconds can
		// hold
		StepVerifier.create(Mono.error(rateLimited(Duration.ofSeconds(99999999999999999L))).retryWhen(bootNames))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezRateLimitException.class)
				.hasMessageContaining("the server asked to wait 99999999999999999s (Retry-After)"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(Mono.error(server(500)).retryWhen(bootNames))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessage("500"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void whatIsRetriedDependsOnTheFailureAndWhetherTheOperationIsARead() {
		BytezRetry post = new BytezRetry(BytezRetryPolicy.defaults(), BytezOperation.RUN, "org/m", () -> true,
				(event) -> {
				}, () -> 0.5);
		BytezRetry read = new BytezRetry(BytezRetryPolicy.defaults(), BytezOperation.LIST_MODELS, null, () -> true,
				(event) -> {
				}, () -> 0.5);
		BytezException connect = new BytezConnectException("refused", BytezOperation.RUN, "org/m", null);
		BytezException reset = new BytezTransportException("reset", BytezOperation.RUN, "org/m", null);
		BytezException timeout = new BytezTimeoutException("slow", BytezOperation.RUN, "org/m", null);

		assertThat(post.delayBeforeRetry(rateLimited(null), 1)).isNotNull();
		assertThat(post.delayBeforeRetry(server(503), 1)).isNotNull();
		assertThat(post.delayBeforeRetry(server(502), 1)).isNotNull();
		assertThat(post.delayBeforeRetry(server(504), 1)).isNotNull();
		assertThat(post.delayBeforeRetry(connect, 1)).isNotNull();
		assertThat(post.delayBeforeRetry(server(500), 1)).isNull();
		assertThat(post.delayBeforeRetry(reset, 1)).isNull();
		assertThat(post.delayBeforeRetry(timeout, 1)).isNull();
		assertThat(read.delayBeforeRetry(server(500), 1)).isNotNull();
		assertThat(read.delayBeforeRetry(reset, 1)).isNotNull();
		assertThat(read.delayBeforeRetry(timeout, 1)).isNotNull();
		for (BytezRetry retry : new BytezRetry[] { post, read }) {
			assertThat(retry.delayBeforeRetry(new BytezApiException("bad", BytezOperation.RUN, "org/m", 400, "bad"), 1))
				.isNull();
			assertThat(retry.delayBeforeRetry(new BytezApiException("err", BytezOperation.RUN, "org/m", 200, "err"), 1))
				.as("an answer with status 200 is never repeated")
				.isNull();
			assertThat(retry
				.delayBeforeRetry(new BytezAuthenticationException("no", BytezOperation.RUN, "org/m", 401, "no"), 1))
				.isNull();
			assertThat(retry.delayBeforeRetry(rateLimited(null), 4)).as("past max-retries").isNull();
		}
		BytezRetry afterFirstChunk = new BytezRetry(BytezRetryPolicy.defaults(), BytezOperation.STREAM, "org/m",
				() -> false, (event) -> {
				}, () -> 0.5);
		assertThat(afterFirstChunk.delayBeforeRetry(rateLimited(null), 1)).isNull();
	}

	private static BytezRateLimitException rateLimited(Duration retryAfter) {
		return new BytezRateLimitException("429", BytezOperation.RUN, "org/m", "Rate limit exceeded", retryAfter);
	}

	private static BytezServerException server(int status) {
		return new BytezServerException(String.valueOf(status), BytezOperation.RUN, "org/m", status, null);
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return headers;
	}

}
