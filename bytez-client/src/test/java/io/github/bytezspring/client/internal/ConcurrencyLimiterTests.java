package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimiterTests {

	private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 2, SettingNames.builderOptions());

	@Test
	void waitersAreServedFirstComeFirstServed() {
		List<String> order = new ArrayList<>();
		ConcurrencyLimiter.Permit first = this.limiter.acquire(BytezOperation.RUN, "o/m").block();
		List<ConcurrencyLimiter.Permit> granted = new ArrayList<>();
		this.limiter.acquire(BytezOperation.RUN, "o/m").subscribe((p) -> {
			order.add("second");
			granted.add(p);
		});
		this.limiter.acquire(BytezOperation.RUN, "o/m").subscribe((p) -> {
			order.add("third");
			granted.add(p);
		});
		assertThat(this.limiter.waiting()).isEqualTo(2);

		first.releaseNow();
		assertThat(order).containsExactly("second");
		granted.get(0).releaseNow();
		assertThat(order).containsExactly("second", "third");
		granted.get(1).releaseNow();
		granted.get(1).releaseNow();
		assertThat(this.limiter.inFlight()).isZero();
	}

	@Test
	void beyondThePendingBoundACallFailsAtOnce() {
		this.limiter.acquire(BytezOperation.RUN, "o/m").block();
		this.limiter.acquire(BytezOperation.RUN, "o/m").subscribe();
		this.limiter.acquire(BytezOperation.RUN, "o/m").subscribe();

		StepVerifier.create(this.limiter.acquire(BytezOperation.RUN, "o/m"))
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezException.class)
				.hasMessageContaining("raise maxConcurrentRequests or maxPendingRequests"))
			.verify(Duration.ofSeconds(1));
	}

	@Test
	void aCancelledWaiterLeavesTheQueueAndGetsNoPermit() {
		ConcurrencyLimiter.Permit first = this.limiter.acquire(BytezOperation.RUN, "o/m").block();
		AtomicInteger grantedToCancelled = new AtomicInteger();
		Disposable waiter = this.limiter.acquire(BytezOperation.RUN, "o/m")
			.subscribe((p) -> grantedToCancelled.incrementAndGet());
		assertThat(this.limiter.waiting()).isEqualTo(1);

		waiter.dispose();
		assertThat(this.limiter.waiting()).isZero();
		first.releaseNow();
		assertThat(grantedToCancelled).hasValue(0);
		assertThat(this.limiter.inFlight()).isZero();
	}

	@Test
	void theSlotIsFreeByTheTimeTheCallerSeesTheResult() {
		List<Integer> inFlightSeenByCaller = new ArrayList<>();
		// a single answer goes through the same limit, read as the pipeline reads it
		this.limiter.limit(Mono.just("a").flux(), BytezOperation.RUN, "o/m")
			.singleOrEmpty()
			.doOnNext((value) -> inFlightSeenByCaller.add(this.limiter.inFlight()))
			.block(Duration.ofSeconds(1));
		this.limiter.limit(Flux.just("a", "b"), BytezOperation.STREAM, "o/m")
			.doOnComplete(() -> inFlightSeenByCaller.add(this.limiter.inFlight()))
			.blockLast(Duration.ofSeconds(1));

		assertThat(inFlightSeenByCaller).containsExactly(0, 0);
	}

	@Test
	void aCancelledCallsPermitIsReleasedOnlyAfterItsExchangeWasCancelled() {
		List<Integer> inFlightAtExchangeCancel = new ArrayList<>();
		Flux<String> exchange = Flux.<String>never()
			.doOnCancel(() -> inFlightAtExchangeCancel.add(this.limiter.inFlight()));

		this.limiter.limit(exchange, BytezOperation.RUN, "o/m").subscribe().dispose();

		// still held when the exchange was cancelled: freed first, it could let the next
		// call's request overlap this one's
		assertThat(inFlightAtExchangeCancel).containsExactly(1);
		assertThat(this.limiter.inFlight()).isZero();
	}

	@Test
	void theRejectionNamesTheSettingsAsTheUserCallsThem() {
		ConcurrencyLimiter named = new ConcurrencyLimiter(1, 0,
				SettingNames.of((option) -> "bytez." + option.replaceAll("([A-Z])", "-$1").toLowerCase()));
		named.acquire(BytezOperation.RUN, "o/m").block();

		StepVerifier.create(named.acquire(BytezOperation.RUN, "o/m"))
			.expectErrorSatisfies((error) -> assertThat(error)
				.hasMessageContaining("raise bytez.max-concurrent-requests or bytez.max-pending-requests"))
			.verify(Duration.ofSeconds(1));
	}

	@RepeatedTest(10)
	void permitsAreNeverLostUnderConcurrentUseAndCancellation() {
		ConcurrencyLimiter shared = new ConcurrencyLimiter(3, 10_000, SettingNames.builderOptions());
		Flux.range(0, 2000)
			.flatMap((i) -> shared.limit(Mono.delay(Duration.ofNanos(i % 7 * 1000L)).flux(), BytezOperation.RUN, "o/m")
				.timeout(Duration.ofNanos(i % 5 * 2000L + 1), Mono.empty()), 64)
			.blockLast(Duration.ofSeconds(20));

		assertThat(shared.inFlight()).isZero();
		assertThat(shared.waiting()).isZero();
	}

}
