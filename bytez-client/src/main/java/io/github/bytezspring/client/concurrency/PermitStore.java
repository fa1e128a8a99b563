package io.github.bytezspring.client.concurrency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * A budget of permits shared beyond this instance, leased for a bounded time; the client
 * keeps a local first-come-first-served queue (bounded by {@code maxPendingRequests}) in
 * front of it.
 * <p>
 * Every operation must complete, or fail, within a bounded time. When its caller gives
 * up, the client cancels the {@code CompletableFuture} that a {@link #tryAcquire} still
 * waiting returned, so that the store can leave its queue at once; a store that grants
 * the permit after that cancellation must give it back itself. A permit delivered after
 * the caller gave up is released by the client.
 */
public interface PermitStore {

	/**
	 * The default lease of a permit: a crashed instance's permits come back within it.
	 */
	Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(30);

	/**
	 * The default bound on each operation on the store (a call's wait for a free permit
	 * aside).
	 */
	Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Take one permit, waiting for one to come free for up to {@code maxWait}.
	 * @param maxWait how long to wait for a free permit
	 * @return the permit's id, or {@code null} when none came free in time; fails when
	 * the store cannot be reached
	 */
	CompletionStage<@Nullable String> tryAcquire(Duration maxWait);

	/**
	 * Extend a permit's lease by {@link #leaseTime()} from now.
	 * @param permitId the permit
	 * @return {@code true}, or {@code false} when the permit is no longer held (its lease
	 * ended)
	 */
	CompletionStage<Boolean> renew(String permitId);

	/**
	 * Give a permit back; releasing one that is no longer held is harmless.
	 * @param permitId the permit
	 * @return completion of the release
	 */
	CompletionStage<?> release(String permitId);

	/**
	 * How long a permit stays held without renewal; a crashed holder's permits come back
	 * after it.
	 * @return the lease time
	 */
	Duration leaseTime();

	/**
	 * The budget as the store sees it now, across every instance; a store that cannot
	 * tell fails the returned stage with {@link UnsupportedOperationException}.
	 * @return the status, within a bounded time
	 */
	default CompletionStage<PermitStoreStatus> status() {
		return CompletableFuture.failedFuture(new UnsupportedOperationException(description() + " reports no status"));
	}

	/**
	 * The store's description for messages and logs (never a credential).
	 * @return a description such as {@code redis semaphore 'bytez:concurrency:ab12…'}
	 */
	String description();

}
