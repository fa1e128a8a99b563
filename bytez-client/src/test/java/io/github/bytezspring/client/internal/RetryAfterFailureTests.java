package io.github.bytezspring.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterFailureTests {

	@Test
	void aSourceThatSucceedsIsSubscribedOnceAndNeverAsksForTheRetrySpec() {
		AtomicInteger subscriptions = new AtomicInteger();
		AtomicInteger specsAsked = new AtomicInteger();
		Flux<String> source = Flux.defer(() -> {
			subscriptions.incrementAndGet();
			return Flux.just("a", "b");
		});
		StepVerifier.create(RetryAfterFailure.retry(source, () -> {
			specsAsked.incrementAndGet();
			return Retry.max(3);
		})).expectNext("a", "b").verifyComplete();
		assertThat(subscriptions).hasValue(1);
		assertThat(specsAsked).hasValue(0);
	}

	@Test
	void theSpecSeesTheFirstFailureAsItsFirstSignalAndEachRetryIsANewSubscription() {
		AtomicInteger subscriptions = new AtomicInteger();
		List<String> signals = new ArrayList<>();
		Flux<String> source = Flux.defer(() -> (subscriptions.incrementAndGet() < 3)
				? Flux.error(new IllegalStateException("failure " + subscriptions.get())) : Flux.just("done"));
		Retry spec = Retry.max(3)
			.doBeforeRetry((signal) -> signals.add(signal.totalRetries() + ":" + signal.failure().getMessage()));
		StepVerifier.create(RetryAfterFailure.retry(source, () -> spec)).expectNext("done").verifyComplete();
		assertThat(subscriptions).hasValue(3);
		assertThat(signals).containsExactly("0:failure 1", "1:failure 2");
	}

	@Test
	void retriesEndAsUnderRetryWhen() {
		AtomicInteger lazy = new AtomicInteger();
		AtomicInteger eager = new AtomicInteger();
		Flux<String> failingLazily = Flux.defer(() -> {
			lazy.incrementAndGet();
			return Flux.error(new IllegalStateException("down"));
		});
		Flux<String> failingEagerly = Flux.defer(() -> {
			eager.incrementAndGet();
			return Flux.error(new IllegalStateException("down"));
		});
		StepVerifier.create(RetryAfterFailure.retry(failingLazily, () -> Retry.max(2)))
			.expectErrorSatisfies((error) -> assertThat(Exceptions.isRetryExhausted(error)).isTrue())
			.verify();
		StepVerifier.create(failingEagerly.retryWhen(Retry.max(2)))
			.expectErrorSatisfies((error) -> assertThat(Exceptions.isRetryExhausted(error)).isTrue())
			.verify();
		assertThat(lazy).hasValue(3).hasValue(eager.get());
	}

}
