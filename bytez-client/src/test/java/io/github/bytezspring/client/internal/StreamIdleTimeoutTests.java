package io.github.bytezspring.client.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class StreamIdleTimeoutTests {

	private static final Duration IDLE = Duration.ofMillis(300);

	@Test
	void aStreamWhoseGapsStayShorterThanTheIdlePeriodCompletes() {
		StepVerifier
			.withVirtualTime(() -> StreamIdleTimeout.failWhenIdle(Flux.interval(Duration.ofMillis(250)).take(10), IDLE,
					Schedulers.parallel()))
			.thenAwait(Duration.ofMillis(2500))
			.expectNextCount(10)
			.verifyComplete();
	}

	@Test
	void aGapLongerThanTheIdlePeriodFailsAfterExactlyThatPeriod() {
		Flux<Long> stallsAfterTwo = Flux.interval(Duration.ofMillis(100)).take(2).concatWith(Flux.never());
		StepVerifier.withVirtualTime(() -> StreamIdleTimeout.failWhenIdle(stallsAfterTwo, IDLE, Schedulers.parallel()))
			.thenAwait(Duration.ofMillis(200))
			.expectNext(0L, 1L)
			.expectNoEvent(Duration.ofMillis(299))
			.thenAwait(Duration.ofMillis(1))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void nothingAtAllFailsAfterTheIdlePeriodFromSubscription() {
		StepVerifier.withVirtualTime(() -> StreamIdleTimeout.failWhenIdle(Flux.never(), IDLE, Schedulers.parallel()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(299))
			.thenAwait(Duration.ofMillis(1))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void errorsAndCancellationPassThrough() {
		StepVerifier
			.create(StreamIdleTimeout.failWhenIdle(Flux.error(new IllegalStateException("boom")), IDLE,
					Schedulers.parallel()))
			.expectErrorMessage("boom")
			.verify(Duration.ofSeconds(1));
		StepVerifier.create(StreamIdleTimeout.failWhenIdle(Flux.just(1, 2, 3), IDLE, Schedulers.parallel()))
			.expectNext(1)
			.thenCancel()
			.verify(Duration.ofSeconds(1));
	}

}
