package io.github.bytezspring.client.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When and how long the client waits before trying a failed call again: exponential
 * backoff with jitter, or the server's {@code Retry-After} when it gives one; build one
 * with {@link #builder()}.
 *
 * @param maxRetries retries after the first attempt, 0 when retrying is off
 * @param initialBackoff the wait before the first retry, before jitter
 * @param multiplier the factor each further backoff grows by
 * @param maxBackoff the longest backoff
 * @param jitter the random fraction of each backoff, from 0 to 1: 0.5 means a wait
 * between half and all of it
 * @param respectRetryAfter whether the server's {@code Retry-After} or
 * {@code retry-after-ms} replaces the backoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the
 * call at once
 */
public record BytezRetryPolicy(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff,
		double jitter, boolean respectRetryAfter, Duration maxRetryAfter) {

	/** The retries allowed by default: 3. */
	public static final int DEFAULT_MAX_RETRIES = 3;

	/** The wait before the first retry by default: 500ms. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/** The factor each backoff grows by, by default: 2. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** The longest backoff by default: 30s. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** The random fraction of each backoff by default: 0.5. */
	public static final double DEFAULT_JITTER = 0.5;

	/** Whether {@code Retry-After} is honoured by default: yes. */
	public static final boolean DEFAULT_RESPECT_RETRY_AFTER = true;

	/** The longest {@code Retry-After} honoured by default: 60s. */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

	private static final BytezRetryPolicy DEFAULTS = builder().build();

	private static final BytezRetryPolicy NONE = builder().maxRetries(0).build();

	/**
	 * Create a policy, checking every value as the {@link Builder} does.
	 * @param maxRetries zero or more
	 * @param initialBackoff a positive duration
	 * @param multiplier 1 or more
	 * @param maxBackoff a positive duration
	 * @param jitter from 0 to 1
	 * @param respectRetryAfter whether to honour {@code Retry-After}
	 * @param maxRetryAfter a positive duration
	 */
	public BytezRetryPolicy {
		BytezRetrySettings.MAX_RETRIES.check(maxRetries);
		BytezRetrySettings.INITIAL_BACKOFF.check(initialBackoff);
		BytezRetrySettings.MULTIPLIER.check(multiplier);
		BytezRetrySettings.MAX_BACKOFF.check(maxBackoff);
		BytezRetrySettings.JITTER.check(jitter);
		BytezRetrySettings.MAX_RETRY_AFTER.check(maxRetryAfter);
	}

	/**
	 * The defaults: 3 retries, 500ms doubling up to 30s with 50% jitter, honouring
	 * {@code Retry-After} up to 60s.
	 * @return the default policy
	 */
	public static BytezRetryPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * A policy that never retries.
	 * @return the policy
	 */
	public static BytezRetryPolicy none() {
		return NONE;
	}

	/**
	 * Start building a policy from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * This policy with another number of retries.
	 * @param maxRetries retries after the first attempt; 0 disables retrying
	 * @return a policy that differs only in that number
	 */
	public BytezRetryPolicy withMaxRetries(int maxRetries) {
		if (maxRetries == this.maxRetries) {
			return this;
		}
		return new BytezRetryPolicy(maxRetries, this.initialBackoff, this.multiplier, this.maxBackoff, this.jitter,
				this.respectRetryAfter, this.maxRetryAfter);
	}

	/**
	 * The backoff before a retry: {@code initialBackoff * multiplier^(retry - 1)}, capped
	 * at {@code maxBackoff}, of which the {@code jitter} fraction is random.
	 * @param retry which retry, from 1
	 * @param random a source of numbers in [0, 1)
	 * @return the wait
	 */
	public Duration backoff(int retry, DoubleSupplier random) {
		double base = this.initialBackoff.toNanos() * Math.pow(this.multiplier, Math.max(0, retry - 1));
		double capped = Math.min(base, this.maxBackoff.toNanos());
		double wait = capped * (1 - this.jitter) + capped * this.jitter * random.getAsDouble();
		return Duration.ofNanos((long) wait);
	}

	/**
	 * Builds a {@link BytezRetryPolicy}, starting from the defaults; each setter checks
	 * its value at once.
	 */
	public static final class Builder {

		private int maxRetries = DEFAULT_MAX_RETRIES;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private double multiplier = DEFAULT_MULTIPLIER;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private double jitter = DEFAULT_JITTER;

		private boolean respectRetryAfter = DEFAULT_RESPECT_RETRY_AFTER;

		private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

		private Builder() {
		}

		/**
		 * Retries after the first attempt; 0 disables retrying.
		 * @param maxRetries zero or more
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			BytezRetrySettings.MAX_RETRIES.check(maxRetries);
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * The wait before the first retry.
		 * @param initialBackoff a positive duration
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			BytezRetrySettings.INITIAL_BACKOFF.check(initialBackoff);
			this.initialBackoff = initialBackoff;
			return this;
		}

		/**
		 * The factor each further backoff grows by.
		 * @param multiplier 1 or more
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			BytezRetrySettings.MULTIPLIER.check(multiplier);
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * The longest backoff.
		 * @param maxBackoff a positive duration
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			BytezRetrySettings.MAX_BACKOFF.check(maxBackoff);
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * The random fraction of each backoff.
		 * @param jitter from 0 (none) to 1 (anything from zero to the full backoff)
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			BytezRetrySettings.JITTER.check(jitter);
			this.jitter = jitter;
			return this;
		}

		/**
		 * Whether the server's {@code Retry-After} replaces the backoff.
		 * @param respectRetryAfter whether to honour it
		 * @return this builder
		 */
		public Builder respectRetryAfter(boolean respectRetryAfter) {
			this.respectRetryAfter = respectRetryAfter;
			return this;
		}

		/**
		 * The longest {@code Retry-After} honoured; a longer one fails the call at once.
		 * @param maxRetryAfter a positive duration
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			BytezRetrySettings.MAX_RETRY_AFTER.check(maxRetryAfter);
			this.maxRetryAfter = maxRetryAfter;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public BytezRetryPolicy build() {
			return new BytezRetryPolicy(this.maxRetries, this.initialBackoff, this.multiplier, this.maxBackoff,
					this.jitter, this.respectRetryAfter, this.maxRetryAfter);
		}

	}

}
