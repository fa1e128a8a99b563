package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezPermitStoreException;
import io.github.bytezspring.client.model.BytezOperation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The second stage of the limit when the budget is shared: after the local queue grants
 * its permit, a leased permit from a {@link PermitStore}, renewed while the exchange runs
 * and released exactly once.
 */
public final class SharedPermits {

	/** Name of the gauge of permits this instance holds from the store. */
	public static final String PERMITS_HELD = "bytez.concurrency.permits.held";

	/** Name of the timer of the wait for a permit, the local queue included. */
	public static final String PERMIT_WAIT = "bytez.concurrency.permit.wait";

	/** Name of the counter of failed store operations. */
	public static final String STORE_FAILURES = "bytez.concurrency.store.failures";

	private static final Log logger = LogFactory.getLog(SharedPermits.class);

	/**
	 * One store wait; a waiter asks again after it, until granted or cancelled (a
	 * cancellation ends the store's wait at once when the store watches for it).
	 */
	private static final Duration WAIT_SLICE = Duration.ofSeconds(5);

	/**
	 * How many answers a thread goes on with in place, one inside another, before it
	 * hands the next to Reactor's parallel scheduler; a plain thread-local counter, since
	 * Reactor offers no trampoline for a {@link CompletionStage}'s callbacks.
	 */
	private static final int MAX_INLINE_DEPTH = 8;

	private static final ThreadLocal<int[]> INLINE_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private final PermitStore store;

	private final PermitStoreFailureMode failureMode;

	private final SettingNames names;

	private final AtomicInteger held = new AtomicInteger();

	private final AtomicInteger waiting = new AtomicInteger();

	/**
	 * Whether the store's latest operation failed: an outage is logged once, when it
	 * starts.
	 */
	private final AtomicBoolean failing = new AtomicBoolean();

	private final @Nullable Timer waitTimer;

	private final @Nullable Counter failures;

	public SharedPermits(PermitStore store, PermitStoreFailureMode failureMode, SettingNames names,
			@Nullable MeterRegistry meterRegistry) {
		this.store = store;
		this.failureMode = failureMode;
		this.names = names;
		if (meterRegistry != null) {
			Gauge.builder(PERMITS_HELD, this.held, AtomicInteger::get)
				.description("Permits of the shared concurrency budget held by this instance")
				.register(meterRegistry);
			this.waitTimer = Timer.builder(PERMIT_WAIT)
				.description("Time a call waited for a permit of the shared concurrency budget")
				.register(meterRegistry);
			this.failures = Counter.builder(STORE_FAILURES)
				.description("Operations on the shared concurrency budget's store that failed or timed out")
				.register(meterRegistry);
		}
		else {
			this.waitTimer = null;
			this.failures = null;
		}
	}

	/**
	 * Run {@code exchange} once {@code localPermit} and then a shared permit are granted,
	 * under {@code turn}; when the turn ends, its local permit is released before the
	 * shared one, so that the local queue's next call is already waiting for the store
	 * and can take the shared permit over in this instance.
	 */
	<T> Flux<T> limit(Mono<?> localPermit, ConcurrencyLimiter.Turn turn, Flux<T> exchange, BytezOperation operation,
			@Nullable String modelId) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			Lease lease = new Lease(operation, modelId);
			turn.alsoOnEnd(lease::finish);
			Mono<Boolean> granted = localPermit.then(acquire(lease)).doOnNext((ok) -> recordWait(start));
			return turn.run(granted, lease.guard(exchange));
		});
	}

	/**
	 * The permits of the shared budget this instance holds now.
	 * @return the count
	 */
	public int held() {
		return this.held.get();
	}

	/**
	 * The calls of this instance waiting for the store's permit (their local turn
	 * granted).
	 * @return the count
	 */
	public int waiting() {
		return this.waiting.get();
	}

	/**
	 * The store of the shared budget.
	 * @return the store
	 */
	public PermitStore store() {
		return this.store;
	}

	private void recordWait(long start) {
		if (this.waitTimer != null) {
			this.waitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * {@code true} once the store granted a permit, {@code false} when the call goes on
	 * under the local limit alone because the store failed and the mode allows it.
	 */
	private Mono<Boolean> acquire(Lease lease) {
		return Mono.create((sink) -> {
			Asking asking = new Asking(lease, sink);
			sink.onCancel(asking::cancel);
			asking.next();
		});
	}

	/**
	 * One call asking the store for a permit, slice after slice, until granted, failed or
	 * cancelled; a cancellation also cancels the store's pending ask, so that it can
	 * leave its queue at once.
	 */
	private final class Asking {

		private final Lease lease;

		private final MonoSink<Boolean> sink;

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final AtomicBoolean counted = new AtomicBoolean(true);

		private volatile @Nullable CompletableFuture<?> pending;

		Asking(Lease lease, MonoSink<Boolean> sink) {
			this.lease = lease;
			this.sink = sink;
			SharedPermits.this.waiting.incrementAndGet();
		}

		void next() {
			CompletionStage<@Nullable String> asked = stage(() -> SharedPermits.this.store.tryAcquire(WAIT_SLICE));
			if (asked instanceof CompletableFuture<?> future) {
				this.pending = future;
				if (this.cancelled.get()) {
					cancel(future);
				}
			}
			asked.whenComplete((permitId, ex) -> {
				int[] depth = INLINE_DEPTH.get();
				if (depth[0] < MAX_INLINE_DEPTH && Schedulers.isInNonBlockingThread()) {
					// a permit handed over in this instance arrives on the releasing
					// call's thread (an event loop or a Reactor scheduler): the call goes
					// on there at once, a thread hop being most of a hand-over's time.
					// The depth bounds the stack when answers complete synchronously
					// (a call that fails at once releasing to the next, and so on).
					depth[0]++;
					try {
						answered(permitId, ex);
					}
					finally {
						depth[0]--;
					}
				}
				else {
					// one granted by the store arrives on the store's I/O thread, which
					// the exchange's subscription would hold up
					Schedulers.parallel().schedule(() -> answered(permitId, ex));
				}
			});
		}

		void cancel() {
			this.cancelled.set(true);
			stopWaiting();
			CompletableFuture<?> future = this.pending;
			if (future != null) {
				cancel(future);
			}
		}

		private static void cancel(CompletableFuture<?> future) {
			try {
				future.cancel(false);
			}
			catch (UnsupportedOperationException ex) {
				// a minimal stage: its grant, if any, arrives and is released
			}
		}

		private void answered(@Nullable String permitId, @Nullable Throwable ex) {
			if (ex != null) {
				if (this.cancelled.get()) {
					return;
				}
				stopWaiting();
				storeFailed(ex);
				if (SharedPermits.this.failureMode == PermitStoreFailureMode.LOCAL) {
					this.sink.success(false);
				}
				else {
					this.sink.error(new BytezPermitStoreException(
							BytezException.describe(this.lease.operation, this.lease.modelId)
									+ " was not sent: could not get a permit from "
									+ SharedPermits.this.store.description() + " (" + brief(ex)
									+ "), and sending it anyway could exceed the shared budget; set "
									+ SharedPermits.this.names.of("permitStoreFailureMode")
									+ " to fall back to the local limit",
							this.lease.operation, this.lease.modelId, cause(ex)));
				}
				return;
			}
			storeAnswered();
			if (permitId == null) {
				if (!this.cancelled.get()) {
					next();
				}
			}
			else {
				stopWaiting();
				if (this.lease.hold(permitId)) {
					this.sink.success(true);
				}
			}
		}

		private void stopWaiting() {
			if (this.counted.compareAndSet(true, false)) {
				SharedPermits.this.waiting.decrementAndGet();
			}
		}

	}

	/**
	 * Count every failed store operation; log the first of an outage once (WARN), the
	 * rest at DEBUG.
	 */
	private void storeFailed(Throwable ex) {
		if (this.failures != null) {
			this.failures.increment();
		}
		String consequence = (this.failureMode == PermitStoreFailureMode.LOCAL) ? "going on under the local limit alone"
				: "calls fail with BytezPermitStoreException until it answers again";
		if (this.failing.compareAndSet(false, true)) {
			logger.warn(
					"Could not get a permit from " + this.store.description() + "; " + consequence + ": " + brief(ex));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Still no answer from " + this.store.description() + ": " + brief(ex));
		}
	}

	private void storeAnswered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info(this.store.description() + " answers again; calls share its budget again");
		}
	}

	private static <V extends @Nullable Object> CompletionStage<V> stage(
			java.util.function.Supplier<CompletionStage<V>> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static Throwable cause(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	/**
	 * A failure in one short line: Redisson's messages run over many lines (the command
	 * and its script).
	 */
	private static String brief(Throwable ex) {
		Throwable cause = cause(ex);
		String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
		int end = message.indexOf(" Check ");
		String shown = (end > 0) ? message.substring(0, end) : message;
		return cause.getClass().getSimpleName() + ": "
				+ ((shown.length() > 160) ? shown.substring(0, 160) + "…" : shown);
	}

	/**
	 * One call's shared permit: held from the grant until the call ends, renewed
	 * meanwhile, released once whatever way the call ends and whenever the grant arrives.
	 */
	private final class Lease {

		final BytezOperation operation;

		final @Nullable String modelId;

		private final Sinks.One<Boolean> lost = Sinks.one();

		private volatile boolean leaseLost;

		private @Nullable String permitId;

		private @Nullable Disposable renewal;

		private boolean finished;

		private volatile long renewedAt;

		Lease(BytezOperation operation, @Nullable String modelId) {
			this.operation = operation;
			this.modelId = modelId;
		}

		/**
		 * Keep a granted permit, or release it at once when the call has already ended.
		 */
		boolean hold(String permitId) {
			synchronized (this) {
				if (!this.finished) {
					this.permitId = permitId;
					this.renewedAt = System.nanoTime();
					SharedPermits.this.held.incrementAndGet();
					Duration every = SharedPermits.this.store.leaseTime().dividedBy(3);
					this.renewal = Flux.interval(every, every, Schedulers.parallel()).subscribe((tick) -> renew());
					return true;
				}
			}
			release(permitId);
			return false;
		}

		private void renew() {
			String id = this.permitId;
			if (id == null) {
				return;
			}
			stage(() -> SharedPermits.this.store.renew(id)).whenComplete((renewed, ex) -> {
				if (ex == null && Boolean.TRUE.equals(renewed)) {
					this.renewedAt = System.nanoTime();
					storeAnswered();
					return;
				}
				if (ex != null) {
					storeFailed(ex);
				}
				boolean expired = System.nanoTime() - this.renewedAt >= SharedPermits.this.store.leaseTime().toNanos();
				if (ex == null || expired) {
					lose((ex != null) ? "its lease could not be renewed (" + brief(ex) + ")" : "its lease had ended");
				}
			});
		}

		private void lose(String why) {
			if (SharedPermits.this.failureMode == PermitStoreFailureMode.LOCAL) {
				logger.warn("A call lost its permit from " + SharedPermits.this.store.description() + ": " + why
						+ "; it goes on under the local limit alone");
				return;
			}
			this.leaseLost = true;
			this.lost.tryEmitValue(true);
		}

		/**
		 * The exchange, stopped with a typed failure if its permit is lost while it runs.
		 */
		<T> Flux<T> guard(Flux<T> exchange) {
			return exchange.takeUntilOther(this.lost.asMono())
				.concatWith(Mono.defer(() -> this.leaseLost
						? Mono.error(new BytezPermitStoreException(BytezException.describe(this.operation, this.modelId)
								+ " was stopped: it lost its permit from " + SharedPermits.this.store.description()
								+ ", so going on could exceed the shared budget", this.operation, this.modelId, null))
						: Mono.empty()));
		}

		void finish() {
			String id;
			synchronized (this) {
				if (this.finished) {
					return;
				}
				this.finished = true;
				id = this.permitId;
				this.permitId = null;
				if (this.renewal != null) {
					this.renewal.dispose();
				}
			}
			if (id != null) {
				SharedPermits.this.held.decrementAndGet();
				release(id);
			}
		}

		private void release(String id) {
			stage(() -> SharedPermits.this.store.release(id)).whenComplete((released, ex) -> {
				if (ex != null) {
					// harmless: the permit comes back when its lease ends
					storeFailed(ex);
				}
				else {
					storeAnswered();
				}
			});
		}

	}

}
