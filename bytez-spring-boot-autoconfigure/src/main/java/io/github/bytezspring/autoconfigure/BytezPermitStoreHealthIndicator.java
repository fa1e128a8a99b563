package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreStatus;
import io.github.bytezspring.client.concurrency.RedisPermitStore;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code bytez} health contributor of the concurrency budget shared through Redis: UP
 * with the budget's permits when Redis answers within {@code bytez.concurrency.timeout},
 * DOWN otherwise, and DOWN when Redis could not be reached at startup and the instance
 * runs under its local limit alone.
 */
final class BytezPermitStoreHealthIndicator extends AbstractHealthIndicator {

	private final BytezSharedBudget budget;

	private final Duration timeout;

	private final @Nullable BytezWarmUp warmUp;

	BytezPermitStoreHealthIndicator(BytezSharedBudget budget, Duration timeout) {
		this(budget, timeout, null);
	}

	BytezPermitStoreHealthIndicator(BytezSharedBudget budget, Duration timeout, @Nullable BytezWarmUp warmUp) {
		super("The shared Bytez concurrency budget's health check failed");
		this.budget = budget;
		this.timeout = timeout;
		this.warmUp = warmUp;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("store", "redis");
		if (this.warmUp != null) {
			builder.withDetail("warmUp", this.warmUp.describe());
		}
		PermitStore store = this.budget.store();
		if (store == null) {
			builder.down()
				.withDetail("reason",
						"Redis could not be reached at startup (bytez.concurrency.on-store-failure=local):"
								+ " this instance runs under its local limit alone until it restarts");
			return;
		}
		try {
			PermitStoreStatus status = store.status()
				.toCompletableFuture()
				.get(this.timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
			builder.up()
				.withDetail("semaphore", status.name())
				.withDetail("permitsAvailable", status.available())
				.withDetail("permitsTotal", status.total())
				.withDetail("waiting", status.queued());
		}
		catch (Exception ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			builder.down().withDetail("semaphore", store.description()).withDetail("error", scrubbed(cause.toString()));
		}
		String lastFailure = (store instanceof RedisPermitStore redis) ? redis.lastFailure() : null;
		if (lastFailure != null) {
			builder.withDetail("lastFailure", scrubbed(lastFailure));
		}
	}

	/**
	 * Redis URLs may carry credentials ({@code redis://user:password@host}): never shown.
	 */
	static String scrubbed(String text) {
		return text.replaceAll("//[^/@\\s]*@", "//");
	}

}
