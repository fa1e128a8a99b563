package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.error.BytezPermitStoreException;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static io.github.bytezspring.client.internal.Latches.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared stage of the limit against a scripted store: a lost lease stops the call
 * with a typed failure, a failing store fails the call or (in local mode) lets it go on,
 * a late grant is released.
 */
class SharedPermitsTests {

	/**
	 * The store failures these tests provoke: captured instead of printed, each checked
	 * after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of("io.github.bytezspring.client.internal.SharedPermits")
		.expecting(Level.WARN, "Could not get a permit from .+; going on under the local limit alone: .+")
		.expecting(Level.WARN,
				"Could not get a permit from .+; calls fail with BytezPermitStoreException until it answers again: .+");

	private final ScriptedStore store = new ScriptedStore();

	@Test
	void aRunningCallWhoseLeaseEndedIsStoppedWithATypedFailure() {
		this.store.renewals = false;
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);

		StepVerifier.create(limiter.limit(Flux.never(), BytezOperation.RUN, "o/m"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezPermitStoreException.class)
				.hasMessageContaining("lost its permit"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.store.released).containsExactly("p1");
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void aFailingStoreFailsTheCallWithoutSendingItOrLetsItGoOnInLocalMode() {
		this.store.failAcquire = true;
		AtomicBoolean sent = new AtomicBoolean();
		Flux<String> exchange = Flux.defer(() -> {
			sent.set(true);
			return Flux.just("ok");
		});

		StepVerifier.create(limiter(PermitStoreFailureMode.FAIL).limit(exchange, BytezOperation.RUN, "o/m"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezPermitStoreException.class)
				.hasMessageContaining("was not sent")
				.hasMessageContaining("scripted store"))
			.verify(Duration.ofSeconds(5));
		assertThat(sent).isFalse();

		StepVerifier.create(limiter(PermitStoreFailureMode.LOCAL).limit(exchange, BytezOperation.RUN, "o/m"))
			.expectNext("ok")
			.verifyComplete();
		assertThat(sent).isTrue();
	}

	@Test
	void aPermitGrantedAfterTheCallerCancelledIsReleased() {
		this.store.grantLater = new CompletableFuture<>();
		this.store.minimalStage = true;
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);

		StepVerifier.create(limiter.limit(Flux.just("ok"), BytezOperation.RUN, "o/m"))
			.thenAwait(Duration.ofMillis(50))
			.thenCancel()
			.verify();
		this.store.grantLater.complete("late");

		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.store.released).containsExactly("late"));
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void aCallerThatGivesUpCancelsTheStoresWaitSoThatItLeavesItsQueue() {
		this.store.grantLater = new CompletableFuture<>();
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);

		StepVerifier.create(limiter.limit(Flux.just("ok"), BytezOperation.RUN, "o/m"))
			.thenAwait(Duration.ofMillis(50))
			.thenCancel()
			.verify();

		assertThat(this.store.grantLater).isCancelled();
		assertThat(this.store.released).isEmpty();
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void aCancelledCallsPermitsAreReleasedOnlyAfterItsExchangeWasCancelled() {
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);
		List<String> heldAtExchangeCancel = new ArrayList<>();
		AtomicBoolean sent = new AtomicBoolean();
		Flux<String> exchange = Flux.<String>never()
			.doOnSubscribe((subscription) -> sent.set(true))
			.doOnCancel(() -> heldAtExchangeCancel
				.add(limiter.inFlight() + " local, released " + this.store.released.size()));

		StepVerifier.create(limiter.limit(exchange, BytezOperation.RUN, "o/m"))
			.expectSubscription()
			.then(() -> await().atMost(Duration.ofSeconds(2)).untilTrue(sent))
			.thenCancel()
			.verify(Duration.ofSeconds(5));

		// the exchange was cancelled while both permits were still held: a permit freed
		// first could let the next call's request overlap this one's
		assertThat(heldAtExchangeCancel).containsExactly("1 local, released 0");
		assertThat(this.store.released).containsExactly("p1");
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void aCallCancelledWhileItsExchangeStartsOnTheStoresThreadKeepsItsPermitsUntilTheExchangeHearsOfIt() {
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);
		CountDownLatch starting = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		List<String> threads = new ArrayList<>();
		AtomicBoolean exchangeCancelled = new AtomicBoolean();
		// the store's grant starts the exchange off the caller's thread, held up there
		// until the caller has cancelled
		Flux<String> exchange = Flux.defer(() -> {
			threads.add(Thread.currentThread().getName());
			starting.countDown();
			waitFor(cancelled);
			return Flux.<String>never().doOnCancel(() -> exchangeCancelled.set(true));
		});

		Disposable call = limiter.limit(exchange, BytezOperation.RUN, "o/m").subscribe();
		waitFor(starting);
		call.dispose();
		String heldAfterCancel = limiter.inFlight() + " local, released " + this.store.released.size();
		cancelled.countDown();

		assertThat(threads).singleElement().asString().doesNotContain(Thread.currentThread().getName());
		assertThat(heldAfterCancel).isEqualTo("1 local, released 0");
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.store.released).containsExactly("p1"));
		assertThat(exchangeCancelled).isTrue();
		assertThat(limiter.inFlight()).isZero();
	}

	@Test
	void aPermitHandedOverOnANonBlockingThreadGoesOnThereAndOneFromAnyOtherThreadHopsOff() throws Exception {
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);
		Scheduler releaser = Schedulers.newSingle("releaser");
		try {
			this.store.grantLater = new CompletableFuture<>();
			AtomicReference<String> sentOn = new AtomicReference<>();
			Mono<String> call = limiter.limit(Flux.defer(() -> {
				sentOn.set(Thread.currentThread().getName());
				return Flux.just("ok");
			}), BytezOperation.RUN, "o/m").next();
			CompletableFuture<String> answer = call.toFuture();
			releaser.schedule(() -> this.store.grantLater.complete("handed"));
			assertThat(answer.get(2, TimeUnit.SECONDS)).isEqualTo("ok");
			// no thread hop between the release and the next call's exchange
			assertThat(sentOn.get()).startsWith("releaser");

			this.store.grantLater = new CompletableFuture<>();
			answer = call.toFuture();
			Thread granter = new Thread(() -> this.store.grantLater.complete("granted"), "store-io");
			granter.start();
			granter.join();
			assertThat(answer.get(2, TimeUnit.SECONDS)).isEqualTo("ok");
			// the store's I/O thread is not held up by the exchange's subscription
			assertThat(sentOn.get()).startsWith("parallel-");
		}
		finally {
			releaser.dispose();
		}
	}

	@Test
	void answersThatArriveAtOnceOnANonBlockingThreadDoNotDeepenItsStackWithoutBound() {
		ConcurrencyLimiter limiter = limiter(PermitStoreFailureMode.FAIL);
		this.store.emptyAnswers.set(5_000);

		StepVerifier
			.create(limiter.limit(Flux.just("ok"), BytezOperation.RUN, "o/m").subscribeOn(Schedulers.parallel()))
			.expectNext("ok")
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		assertThat(this.store.emptyAnswers).hasValue(0);
		// each answer that went on in place added a few frames; past the bound the
		// next went to the parallel scheduler, on a fresh stack
		assertThat(this.store.deepestStack.get()).isLessThan(600);
		assertThat(this.store.released).containsExactly("p1");
	}

	private ConcurrencyLimiter limiter(PermitStoreFailureMode mode) {
		return new ConcurrencyLimiter(2, 10, SettingNames.builderOptions(),
				new SharedPermits(this.store, mode, SettingNames.builderOptions(), null));
	}

	static final class ScriptedStore implements PermitStore {

		final Queue<String> released = new ConcurrentLinkedQueue<>();

		final AtomicInteger issued = new AtomicInteger();

		volatile boolean renewals = true;

		volatile boolean failAcquire;

		volatile CompletableFuture<String> grantLater;

		volatile boolean minimalStage;

		final AtomicInteger emptyAnswers = new AtomicInteger();

		final AtomicInteger deepestStack = new AtomicInteger();

		@Override
		public CompletionStage<String> tryAcquire(Duration maxWait) {
			this.deepestStack.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
			if (this.emptyAnswers.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				return CompletableFuture.completedFuture(null);
			}
			if (this.failAcquire) {
				return CompletableFuture.failedFuture(new IllegalStateException("down"));
			}
			if (this.grantLater != null) {
				return this.minimalStage ? this.grantLater.minimalCompletionStage() : this.grantLater;
			}
			return CompletableFuture.completedFuture("p" + this.issued.incrementAndGet());
		}

		@Override
		public CompletionStage<Boolean> renew(String permitId) {
			return CompletableFuture.completedFuture(this.renewals);
		}

		@Override
		public CompletionStage<?> release(String permitId) {
			this.released.add(permitId);
			return CompletableFuture.completedFuture(true);
		}

		@Override
		public Duration leaseTime() {
			return Duration.ofMillis(300);
		}

		@Override
		public String description() {
			return "scripted store";
		}

	}

}
