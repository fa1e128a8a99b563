package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezOperation;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.SignalType;

/**
 * A non-blocking, first-come-first-served limit on exchanges in flight: callers past the
 * limit wait in a bounded queue without holding a thread, and a cancelled waiter leaves
 * the queue.
 */
public final class ConcurrencyLimiter {

	// guarded by this; changed by setCapacity
	private int maxConcurrent;

	private final int maxPending;

	private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

	private final SettingNames names;

	private final @Nullable SharedPermits shared;

	private int inFlight;

	public ConcurrencyLimiter(int maxConcurrent, int maxPending, SettingNames names) {
		this(maxConcurrent, maxPending, names, null);
	}

	/**
	 * A limit whose permits, once granted locally in order, also come from a shared
	 * store.
	 * @param shared the shared stage, or {@code null} for a local limit alone
	 */
	public ConcurrencyLimiter(int maxConcurrent, int maxPending, SettingNames names, @Nullable SharedPermits shared) {
		this.maxConcurrent = maxConcurrent;
		this.maxPending = maxPending;
		this.names = names;
		this.shared = shared;
	}

	/**
	 * Run an exchange (a single answer or a stream) under a permit, held from when it is
	 * granted until the exchange completes, fails or is cancelled; it is released before
	 * the completion or failure reaches the caller, so a call made from the caller's
	 * completion handler finds the slot free, and after a cancellation has reached the
	 * exchange, so a cancelled call has let go of its request before the next one starts.
	 * <p>
	 * With a shared store, the local permit (keeping this instance's order and its bound
	 * on waiting calls) comes first, then the store's; the local one is released first,
	 * so that this instance's next call already waits for the store when the store's
	 * permit is released, and can take it over without a round trip to the store.
	 */
	<T> Flux<T> limit(Flux<T> exchange, BytezOperation operation, @Nullable String modelId) {
		return Flux.defer(() -> {
			Turn turn = new Turn();
			Mono<?> local = acquire(operation, modelId, turn);
			return (this.shared != null) ? this.shared.limit(local, turn, exchange, operation, modelId)
					: turn.run(local, exchange);
		});
	}

	/**
	 * A permit, granted at once or when an earlier one is released; fails when the queue
	 * is full.
	 * <p>
	 * Whatever way the caller's cancellation races the grant, the permit comes back:
	 * Reactor may drop (not discard) a value that a sink emits while it is being
	 * cancelled, so the cancel handler itself releases a permit already granted;
	 * releasing is idempotent.
	 */
	Mono<Permit> acquire(BytezOperation operation, @Nullable String modelId) {
		return acquire(operation, modelId, new Turn());
	}

	/**
	 * A permit for {@code turn}, which keeps it from the grant on and releases it when
	 * the turn ends; a cancellation before the turn's exchange has started ends the turn.
	 */
	private Mono<Permit> acquire(BytezOperation operation, @Nullable String modelId, Turn turn) {
		return Mono.<Permit>create((sink) -> {
			Permit granted = null;
			Waiter waiter = null;
			synchronized (this) {
				if (this.inFlight < this.maxConcurrent) {
					this.inFlight++;
					granted = new Permit();
				}
				else if (this.waiting.size() < this.maxPending) {
					waiter = new Waiter(sink, turn);
					this.waiting.add(waiter);
				}
			}
			if (granted != null) {
				turn.grant(granted);
				sink.onCancel(turn::cancelBeforeStart);
				sink.success(granted);
			}
			else if (waiter != null) {
				Waiter queued = waiter;
				sink.onCancel(() -> leave(queued));
			}
			else {
				sink.error(new BytezException(
						BytezException.describe(operation, modelId) + " was rejected: " + this.maxConcurrent
								+ " requests are in flight and " + this.maxPending + " are already waiting; raise "
								+ this.names.of("maxConcurrentRequests") + " or " + this.names.of("maxPendingRequests"),
						operation, modelId, null));
			}
		}).doOnDiscard(Permit.class, Permit::releaseNow);
	}

	private void leave(Waiter waiter) {
		if (waiter.state.compareAndSet(Waiter.WAITING, Waiter.CANCELLED)) {
			synchronized (this) {
				this.waiting.remove(waiter);
			}
		}
		else {
			// granted as the caller cancelled: the permit may never reach it, or it did
			// and the exchange is starting on the granting thread, which then keeps it
			waiter.turn.cancelBeforeStart();
		}
	}

	/**
	 * Change how many exchanges may be in flight at once. Growing grants waiting calls at
	 * once, in order; shrinking lets the permits in use finish normally and grants no new
	 * one until fewer than the new capacity are in flight. No waiting call is dropped.
	 * @param capacity the new capacity, at least 1
	 */
	void setCapacity(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		synchronized (this) {
			if (capacity == this.maxConcurrent) {
				return;
			}
			this.maxConcurrent = capacity;
		}
		while (true) {
			Waiter next;
			synchronized (this) {
				if (this.inFlight >= this.maxConcurrent) {
					return;
				}
				next = this.waiting.poll();
				if (next == null) {
					return;
				}
				this.inFlight++;
			}
			Permit permit = new Permit();
			if (next.state.compareAndSet(Waiter.WAITING, Waiter.GRANTED)) {
				next.turn.grant(permit);
				next.sink.success(permit);
			}
			else {
				synchronized (this) {
					this.inFlight--;
				}
			}
		}
	}

	public synchronized int capacity() {
		return this.maxConcurrent;
	}

	private void release() {
		while (true) {
			Waiter next;
			synchronized (this) {
				// above a shrunk capacity the slot is given up rather than passed on
				next = (this.inFlight > this.maxConcurrent) ? null : this.waiting.poll();
				if (next == null) {
					this.inFlight--;
					return;
				}
			}
			// the slot passes straight to the next waiter, unless it was cancelled
			// meanwhile
			Permit permit = new Permit();
			if (next.state.compareAndSet(Waiter.WAITING, Waiter.GRANTED)) {
				next.turn.grant(permit);
				next.sink.success(permit);
				return;
			}
		}
	}

	public synchronized int inFlight() {
		return this.inFlight;
	}

	public synchronized int waiting() {
		return this.waiting.size();
	}

	/**
	 * One call's turn under the limit: keeps its permit (and, with a shared store, what
	 * else ends with it) from the grant, and releases it exactly once, when the exchange
	 * ends, or when the call is cancelled before its exchange started.
	 * <p>
	 * Hand-written because no Reactor operator ties a release to the cancellation
	 * reaching an inner subscription: a permit is often granted on another call's thread,
	 * which then subscribes this call's exchange, and a cancellation arriving meanwhile
	 * returns to the caller (and {@code doFinally} runs) before that subscription exists;
	 * the exchange hears of the cancellation only once it is subscribed. Released at the
	 * caller's {@code doFinally}, the permit would let the next call's request start
	 * beside the one being cancelled. Likewise an operator that passes its subscription
	 * down before it subscribes its own source (as Reactor Netty's connect does) hears of
	 * a cancellation while the request below it is still being set up, so the turn ends
	 * only once that subscription has returned.
	 */
	static final class Turn {

		private @Nullable Permit permit;

		private @Nullable Runnable alsoOnEnd;

		private boolean started;

		private boolean subscribing;

		private boolean cancelledWhileSubscribing;

		private boolean ended;

		/**
		 * Keep the permit, or release it at once if the turn has already ended.
		 */
		void grant(Permit permit) {
			synchronized (this) {
				if (!this.ended) {
					this.permit = permit;
					return;
				}
			}
			permit.releaseNow();
		}

		/**
		 * Run {@code action} when the turn ends, after the permit is released.
		 */
		synchronized void alsoOnEnd(Runnable action) {
			this.alsoOnEnd = action;
		}

		/**
		 * The exchange once {@code granted} emits, with the turn ended before its
		 * completion or failure reaches the caller, or once its cancellation has reached
		 * it; a call cancelled before the exchange started ends its turn at once.
		 */
		<T> Flux<T> run(Mono<?> granted, Flux<T> exchange) {
			Flux<T> ending = exchange.doOnTerminate(this::end).doFinally((signal) -> {
				if (signal == SignalType.CANCEL) {
					exchangeCancelled();
				}
			});
			// a publisher of our own: only it sees when the exchange's subscription has
			// gone all the way down, taking any cancellation that arrived meanwhile with
			// it
			Flux<T> started = Flux.from((subscriber) -> {
				ending.subscribe(subscriber);
				subscribed();
			});
			Flux<T> run = granted.flatMapMany((grant) -> start() ? started : Flux.<T>empty());
			return run.doOnTerminate(this::end).doFinally((signal) -> {
				if (signal == SignalType.CANCEL) {
					cancelBeforeStart();
				}
			});
		}

		private synchronized boolean start() {
			if (this.ended) {
				return false;
			}
			this.started = true;
			this.subscribing = true;
			return true;
		}

		/**
		 * The exchange was cancelled: end the turn, or, while its subscription is still
		 * being made on another thread (which then takes the cancellation down with it),
		 * once that is done.
		 */
		private void exchangeCancelled() {
			synchronized (this) {
				if (this.subscribing) {
					this.cancelledWhileSubscribing = true;
					return;
				}
			}
			end();
		}

		private void subscribed() {
			boolean cancelled;
			synchronized (this) {
				this.subscribing = false;
				cancelled = this.cancelledWhileSubscribing;
			}
			if (cancelled) {
				end();
			}
		}

		/**
		 * End the turn unless its exchange has started: then the exchange's own
		 * cancellation ends it. Checked and ended in one step, so that an exchange cannot
		 * start between the check and the release.
		 */
		void cancelBeforeStart() {
			finish(true);
		}

		void end() {
			finish(false);
		}

		private void finish(boolean onlyBeforeStart) {
			Permit held;
			Runnable also;
			synchronized (this) {
				if (this.ended || (onlyBeforeStart && this.started)) {
					return;
				}
				this.ended = true;
				held = this.permit;
				also = this.alsoOnEnd;
				this.permit = null;
			}
			if (held != null) {
				held.releaseNow();
			}
			if (also != null) {
				also.run();
			}
		}

	}

	/**
	 * The right to one exchange; releasing it twice is harmless.
	 */
	final class Permit {

		private final AtomicBoolean released = new AtomicBoolean();

		void releaseNow() {
			if (this.released.compareAndSet(false, true)) {
				ConcurrencyLimiter.this.release();
			}
		}

	}

	private static final class Waiter {

		static final int WAITING = 0;

		static final int GRANTED = 1;

		static final int CANCELLED = 2;

		final MonoSink<Permit> sink;

		final Turn turn;

		final AtomicInteger state = new AtomicInteger(WAITING);

		Waiter(MonoSink<Permit> sink, Turn turn) {
			this.sink = sink;
			this.turn = turn;
		}

	}

}
