package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The latest rate-limit values Bytez reported, -1 until one arrives, and their gauges
 * (which show NaN until then) when there is a meter registry.
 */
final class RateLimitGauges {

	private final AtomicLong latestLimit = new AtomicLong(-1);

	private final AtomicLong latestRemaining = new AtomicLong(-1);

	RateLimitGauges(@Nullable MeterRegistry meterRegistry) {
		if (meterRegistry == null) {
			return;
		}
		Gauge.builder(BytezObservationDocumentation.RATELIMIT_LIMIT, this.latestLimit, RateLimitGauges::orNaN)
			.description("The account's limit (concurrent requests for open models) Bytez reported last, "
					+ "in the ratelimit-limit header")
			.register(meterRegistry);
		Gauge.builder(BytezObservationDocumentation.RATELIMIT_REMAINING, this.latestRemaining, RateLimitGauges::orNaN)
			.description("What was left of the account's limit at Bytez's last answer, "
					+ "in the ratelimit-remaining header")
			.register(meterRegistry);
	}

	void answered(BytezCallMetadata metadata) {
		metadata.limit().ifPresent(this.latestLimit::set);
		metadata.remaining().ifPresent(this.latestRemaining::set);
	}

	long latestLimit() {
		return this.latestLimit.get();
	}

	long latestRemaining() {
		return this.latestRemaining.get();
	}

	private static double orNaN(AtomicLong value) {
		long current = value.get();
		return (current < 0) ? Double.NaN : current;
	}

}
