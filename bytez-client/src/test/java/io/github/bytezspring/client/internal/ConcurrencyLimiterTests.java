package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static io.github.bytezspring.client.internal.Latches.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

		// as below, a permit may come back just after the storm has ended
		await().atMost(Duration.ofSeconds(2)).until(() -> shared.inFlight() == 0);
		assertThat(shared.waiting()).isZero();
	}

	@RepeatedTest(10)
	void noTwoExchangesRunOnOnePermitWhenCancellationsRaceTheGrants() {
		ConcurrencyLimiter shared = new ConcurrencyLimiter(3, 10_000, SettingNames.builderOptions());
		Running running = new Running();
		Flux.range(0, 2000)
			.flatMap((i) -> shared
				.limit(running.count(Mono.delay(Duration.ofNanos(i % 7 * 1000L)).flux()), BytezOperation.RUN, "o/m")
				.timeout(Duration.ofNanos(i % 5 * 2000L + 1), Mono.empty()), 64)
			.blockLast(Duration.ofSeconds(20));

		// a call cancelled while its exchange was being subscribed on the granting thread
		// ends (and frees its permit) only once that subscription has returned, which may
		// be just after the storm itself has ended
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(running.now.get() + " running, " + shared.inFlight() + " in flight")
				.isEqualTo("0 running, 0 in flight"));
		assertThat(running.started.get()).isPositive();
		assertThat(running.max.get()).isLessThanOrEqualTo(3);
	}

	@Test
	void aCallCancelledWhileItsGrantStartsItsExchangeOnAnotherThreadKeepsThePermitUntilTheExchangeHearsOfIt()
			throws InterruptedException {
		Running running = new Running();
		CountDownLatch starting = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		Sinks.One<String> firstCall = Sinks.one();
		this.limiter.limit(running.count(firstCall.asMono().flux()), BytezOperation.RUN, "o/m").subscribe();
		// granted on the thread that ends the first call, and held up there while it
		// subscribes its exchange, until the caller on this thread has cancelled
		Flux<String> secondCall = Flux.defer(() -> {
			starting.countDown();
			waitFor(cancelled);
			return Flux.<String>never();
		});
		Disposable second = this.limiter.limit(running.count(secondCall), BytezOperation.RUN, "o/m").subscribe();
		assertThat(this.limiter.waiting()).isOne();
		Schedulers.single().schedule(() -> firstCall.tryEmitValue("first"));
		waitFor(starting);
		second.dispose();
		List<Integer> inFlightAfterCancel = List.of(this.limiter.inFlight());
		cancelled.countDown();

		// the cancellation returned before the exchange was subscribed: the permit stays
		// held until the exchange has been told, then comes back
		assertThat(inFlightAfterCancel).containsExactly(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.limiter.inFlight() == 0 && running.now.get() == 0);
		assertThat(running.max.get()).isEqualTo(1);
	}

	@Test
	void aCancellationThatReachesTheExchangeBeforeItsSubscriptionIsCompleteKeepsThePermitUntilItIs() {
		Running running = new Running();
		CountDownLatch starting = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		Sinks.One<String> firstCall = Sinks.one();
		this.limiter.limit(running.count(firstCall.asMono().flux()), BytezOperation.RUN, "o/m").subscribe();
		// like Reactor Netty's connect: the operator passes its subscription down (so a
		// cancellation reaches it) before it goes on to set up the request, here held up
		// on the granting thread
		Flux<String> secondCall = running.count(Mono.<String>create((sink) -> {
			starting.countDown();
			waitFor(cancelled);
		}).flux());
		Disposable second = this.limiter.limit(secondCall, BytezOperation.RUN, "o/m").subscribe();
		Schedulers.single().schedule(() -> firstCall.tryEmitValue("first"));
		waitFor(starting);
		second.dispose();
		int inFlightAfterCancel = this.limiter.inFlight();
		cancelled.countDown();

		assertThat(inFlightAfterCancel).isOne();
		await().atMost(Duration.ofSeconds(2)).until(() -> this.limiter.inFlight() == 0 && running.now.get() == 0);
		assertThat(running.max.get()).isEqualTo(1);
		assertThat(running.started.get()).isEqualTo(2);
	}

	/**
	 * Counts the exchanges running under the limit, from their subscription until they
	 * end or their cancellation reaches them.
	 * <p>
	 * An exchange's end is marked and counted in one step under a lock: with a flag set
	 * first and the count lowered after, a cancellation racing the exchange's completion
	 * on another thread could find the flag set, go on to release the permit and start
	 * the next exchange before the completing thread had lowered the count, and the count
	 * would show one exchange more than ever ran at once.
	 */
	private static final class Running {

		final AtomicInteger now = new AtomicInteger();

		final AtomicInteger max = new AtomicInteger();

		final AtomicInteger started = new AtomicInteger();

		<T> Flux<T> count(Flux<T> exchange) {
			return Flux.defer(() -> {
				boolean[] ended = new boolean[1];
				synchronized (this) {
					this.started.incrementAndGet();
					this.max.accumulateAndGet(this.now.incrementAndGet(), Math::max);
				}
				Runnable end = () -> {
					synchronized (this) {
						if (!ended[0]) {
							ended[0] = true;
							this.now.decrementAndGet();
						}
					}
				};
				return exchange.doOnTerminate(end).doOnCancel(end);
			});
		}

	}

}
