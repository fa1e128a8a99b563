package io.github.bytezspring.client.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.redisson.api.RAtomicDouble;
import org.redisson.api.RedissonClient;

import org.springframework.util.Assert;

/**
 * A spend shared through Redis: one Redisson {@link RAtomicDouble} per period (named
 * after the period's start, so instances agree without coordination), expiring a period
 * after its end; each operation is bounded by a timeout.
 */
public final class RedisSpendStore implements SpendStore {

	private static final String PREFIX = "bytez:budget:";

	private final RedissonClient redisson;

	private final String name;

	private final Duration operationTimeout;

	/**
	 * A store on an open Redisson connection, which stays the caller's to shut down.
	 * @param redisson the connection
	 * @param name the budget's name, e.g. from {@link #budgetName(String)}
	 * @param operationTimeout the bound on each Redis operation
	 */
	public RedisSpendStore(RedissonClient redisson, String name, Duration operationTimeout) {
		Assert.notNull(redisson, "redisson must not be null");
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(operationTimeout != null && !operationTimeout.isNegative() && !operationTimeout.isZero(),
				"operationTimeout must be positive");
		this.redisson = redisson;
		this.name = name;
		this.operationTimeout = operationTimeout;
	}

	/**
	 * The budget name for an API key: a SHA-256 hash of it, so that every instance using
	 * the key shares one spend and the key itself never reaches Redis.
	 * @param apiKey the Bytez API key
	 * @return {@code bytez:budget:} followed by the hash in hex
	 */
	public static String budgetName(String apiKey) {
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
	public CompletionStage<Double> spent(Instant periodStart) {
		return bounded(() -> counter(periodStart).getAsync());
	}

	@Override
	public CompletionStage<Double> add(Instant periodStart, Instant periodEnd, double dollars) {
		RAtomicDouble counter = counter(periodStart);
		// the same absolute expiry from every instance: setting it again changes nothing
		return bounded(() -> counter.addAndGetAsync(dollars)
			.thenCompose((total) -> counter.expireAsync(periodEnd.plus(Duration.between(periodStart, periodEnd)))
				.thenApply((set) -> total)));
	}

	private RAtomicDouble counter(Instant periodStart) {
		return this.redisson.getAtomicDouble(this.name + ":" + periodStart.toEpochMilli());
	}

	private CompletionStage<Double> bounded(java.util.function.Supplier<CompletionStage<Double>> operation) {
		CompletableFuture<Double> result;
		try {
			result = operation.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		// Redisson's own timeout covers a command it sent, not a connection it is still
		// waiting for
		return result.copy().orTimeout(this.operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public String description() {
		return "the shared Bytez spend '" + this.name + "' in Redis";
	}

	@Override
	public String toString() {
		return "RedisSpendStore{name=" + this.name + "}";
	}

}
