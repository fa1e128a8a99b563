package io.github.bytezspring.client.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When and how long the client waits before trying a failed call again: exponential backoff with
 * jitter, or the server's {@code Retry-After} when it gives one.
 */
public final class BytezRetryPolicy {

	/** How many times a failed call is tried again by default: 3. */
	public static final int DEFAULT_MAX_RETRIES = 3;

	/** The wait before the first retry by default: 500ms. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/** The factor each further wait grows by default: 2. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** The longest backoff by default: 30s. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** The share of each wait that is randomized by default: 0.5. */
	public static final double DEFAULT_JITTER = 0.5;

	/** Whether the server's {@code Retry-After} is honoured by default: yes. */
	public static final boolean DEFAULT_RESPECT_RETRY_AFTER = true;

	/** The longest {@code Retry-After} waited for by default (a longer one fails the call): 60s. */
	public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

	private static final BytezRetryPolicy DEFAULTS = builder().build();

	private static final BytezRetryPolicy NONE = builder().maxRetries(0).build();

	private final int maxRetries;

	private final Duration initialBackoff;

	private final double multiplier;

	private final Duration maxBackoff;

	private final double jitter;

	private final boolean respectRetryAfter;

	private final Duration maxRetryAfter;

	private BytezRetryPolicy(Builder builder) {
		this.maxRetries = builder.maxRetries;
		this.initialBackoff = builder.initialBackoff;
		this.multiplier = builder.multiplier;
		this.maxBackoff = builder.maxBackoff;
		this.jitter = builder.jitter;
		this.respectRetryAfter = builder.respectRetryAfter;
		this.maxRetryAfter = builder.maxRetryAfter;
	}

	/**
	 * The defaults: 3 retries, 500ms doubling up to 30s with 50% jitter, honouring {@code Retry-After}
	 * up to 60s.
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
		Builder builder = new Builder(this);
		return builder.maxRetries(maxRetries).build();
	}

	/**
	 * Retries after the first attempt.
	 * @return the count, 0 when retrying is off
	 */
	public int maxRetries() {
		return this.maxRetries;
	}

	/**
	 * The wait before the first retry, before jitter.
	 * @return the initial backoff
	 */
	public Duration initialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * The factor each further backoff grows by.
	 * @return the multiplier
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * The longest backoff.
	 * @return the cap
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * The random fraction of each backoff: 0.5 means a wait between half and all of it.
	 * @return the jitter, from 0 to 1
	 */
	public double jitter() {
		return this.jitter;
	}

	/**
	 * Whether the server's {@code Retry-After} or {@code retry-after-ms} replaces the backoff.
	 * @return whether it is honoured
	 */
	public boolean respectRetryAfter() {
		return this.respectRetryAfter;
	}

	/**
	 * The longest {@code Retry-After} honoured; a longer one fails the call at once.
	 * @return the limit
	 */
	public Duration maxRetryAfter() {
		return this.maxRetryAfter;
	}

	/**
	 * The backoff before a retry: {@code initialBackoff * multiplier^(retry - 1)}, capped at
	 * {@code maxBackoff}, of which the {@code jitter} fraction is random.
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

	@Override
	public String toString() {
		return "BytezRetryPolicy{maxRetries=" + this.maxRetries + ", initialBackoff=" + this.initialBackoff
				+ ", multiplier=" + this.multiplier + ", maxBackoff=" + this.maxBackoff + ", jitter=" + this.jitter
				+ ", respectRetryAfter=" + this.respectRetryAfter + ", maxRetryAfter=" + this.maxRetryAfter + "}";
	}

	/**
	 * Builds a {@link BytezRetryPolicy}, starting from the defaults.
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

		private Builder(BytezRetryPolicy policy) {
			this.maxRetries = policy.maxRetries;
			this.initialBackoff = policy.initialBackoff;
			this.multiplier = policy.multiplier;
			this.maxBackoff = policy.maxBackoff;
			this.jitter = policy.jitter;
			this.respectRetryAfter = policy.respectRetryAfter;
			this.maxRetryAfter = policy.maxRetryAfter;
		}

		/**
		 * Retries after the first attempt; 0 disables retrying.
		 * @param maxRetries zero or more
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * The wait before the first retry.
		 * @param initialBackoff a positive duration
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = positive(initialBackoff, "initialBackoff");
			return this;
		}

		/**
		 * The factor each further backoff grows by.
		 * @param multiplier 1 or more
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1)) {
				throw new IllegalArgumentException("multiplier must be 1 or more, was " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * The longest backoff.
		 * @param maxBackoff a positive duration
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = positive(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * The random fraction of each backoff.
		 * @param jitter from 0 (none) to 1 (anything from zero to the full backoff)
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0 && jitter <= 1)) {
				throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
			}
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
			this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public BytezRetryPolicy build() {
			return new BytezRetryPolicy(this);
		}

		private static Duration positive(Duration value, String name) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
