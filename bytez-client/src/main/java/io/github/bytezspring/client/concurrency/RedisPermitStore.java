package io.github.bytezspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.redisson.api.RFuture;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;

import org.springframework.util.Assert;

/**
 * A {@link PermitStore} on a Redisson {@link RPermitExpirableSemaphore}: leased permits shared by every
 * instance that names the same semaphore, each Redis operation bounded by a timeout.
 * <p>
 * It uses the semaphore's asynchronous API rather than the reactive one, so that a permit granted after
 * its caller gave up is still seen, and released, instead of staying taken until its lease ends.
 */
public final class RedisPermitStore implements PermitStore {

	private static final String PREFIX = "bytez:concurrency:";

	private final RPermitExpirableSemaphore semaphore;

	private final String name;

	private final Duration leaseTime;

	private final Duration operationTimeout;

	private RedisPermitStore(RPermitExpirableSemaphore semaphore, String name, Duration leaseTime,
			Duration operationTimeout) {
		this.semaphore = semaphore;
		this.name = name;
		this.leaseTime = leaseTime;
		this.operationTimeout = operationTimeout;
	}

	/**
	 * Open the semaphore {@code name} and set its permits to {@code permits}, waiting (on the calling
	 * thread, at most {@code operationTimeout}) for Redis to confirm; meant for startup.
	 * @param redisson the Redis connection, owned by the caller
	 * @param name the semaphore's name, e.g. from {@link #semaphoreName(String)}
	 * @param permits the budget shared by every instance, 1 or more
	 * @param leaseTime how long a permit stays held without renewal, at least one second
	 * @param operationTimeout the bound on each Redis operation
	 * @return the store
	 * @throws IllegalStateException when Redis does not confirm in time
	 */
	public static RedisPermitStore connect(RedissonClient redisson, String name, int permits, Duration leaseTime,
			Duration operationTimeout) {
		Assert.notNull(redisson, "redisson must not be null");
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(permits > 0, "permits must be 1 or more");
		Assert.isTrue(leaseTime != null && leaseTime.compareTo(Duration.ofSeconds(1)) >= 0,
				"leaseTime must be at least one second");
		Assert.isTrue(operationTimeout != null && !operationTimeout.isNegative() && !operationTimeout.isZero(), "operationTimeout must be positive");
		RPermitExpirableSemaphore semaphore = redisson.getPermitExpirableSemaphore(name);
		try {
			semaphore.setPermitsAsync(permits)
				.toCompletableFuture()
				.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting the permits of " + describe(name), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IllegalStateException("Could not set the permits of " + describe(name) + " within "
					+ operationTimeout + ": " + cause, cause);
		}
		return new RedisPermitStore(semaphore, name, leaseTime, operationTimeout);
	}

	/**
	 * The semaphore name for an API key: a SHA-256 hash of it, so that every instance using the key
	 * shares one budget and the key itself never reaches Redis.
	 * @param apiKey the Bytez API key
	 * @return {@code bytez:concurrency:} followed by the hash in hex
	 */
	public static String semaphoreName(String apiKey) {
		Assert.hasText(apiKey, "apiKey must not be empty");
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public CompletionStage<@Nullable String> tryAcquire(Duration maxWait) {
		RFuture<String> acquired = this.semaphore.tryAcquireAsync(maxWait.toMillis(), this.leaseTime.toMillis(),
				TimeUnit.MILLISECONDS);
		CompletableFuture<@Nullable String> result = new CompletableFuture<>();
		acquired.whenComplete((permitId, ex) -> {
			boolean delivered = (ex != null) ? result.completeExceptionally(ex) : result.complete(permitId);
			if (!delivered && permitId != null) {
				// granted after the bound below expired: nobody holds it, give it back now
				release(permitId);
			}
		});
		return result.orTimeout(maxWait.plus(this.operationTimeout).toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public CompletionStage<Boolean> renew(String permitId) {
		return bounded(this.semaphore.updateLeaseTimeAsync(permitId, this.leaseTime.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public CompletionStage<Boolean> release(String permitId) {
		return bounded(this.semaphore.tryReleaseAsync(permitId));
	}

	private <T> CompletionStage<T> bounded(RFuture<T> operation) {
		CompletableFuture<T> result = new CompletableFuture<>();
		operation.whenComplete((value, ex) -> {
			if (ex != null) {
				result.completeExceptionally(ex);
			}
			else {
				result.complete(value);
			}
		});
		return result.orTimeout(this.operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * The permits not taken right now, for tests and diagnostics (waits on the calling thread).
	 * @return the number of free permits
	 */
	public int availablePermits() {
		return this.semaphore.availablePermits();
	}

	@Override
	public Duration leaseTime() {
		return this.leaseTime;
	}

	@Override
	public String description() {
		return describe(this.name);
	}

	private static String describe(String name) {
		String shown = (name.length() > PREFIX.length() + 12) ? name.substring(0, PREFIX.length() + 12) + "…" : name;
		return "redis semaphore '" + shown + "'";
	}

	@Override
	public String toString() {
		return "RedisPermitStore[" + description() + ", lease " + this.leaseTime + "]";
	}

}
