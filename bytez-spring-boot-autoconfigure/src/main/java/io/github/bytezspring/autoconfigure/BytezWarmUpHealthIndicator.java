package io.github.bytezspring.autoconfigure;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code bytez} health contributor when models are warmed up and the concurrency
 * limit is each instance's own: always UP (a model still cold or failing to warm up
 * leaves the application able to call others), with each model's warm-up state in its
 * details.
 */
final class BytezWarmUpHealthIndicator extends AbstractHealthIndicator {

	private final BytezWarmUp warmUp;

	BytezWarmUpHealthIndicator(BytezWarmUp warmUp) {
		super("The Bytez warm-up's health check failed");
		this.warmUp = warmUp;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("store", "local").withDetail("warmUp", this.warmUp.describe());
	}

}
