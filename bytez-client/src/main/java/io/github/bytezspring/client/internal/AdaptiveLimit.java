package io.github.bytezspring.client.internal;

/**
 * Makes the concurrency limiter's capacity follow the {@code ratelimit-limit} Bytez
 * reports: one call at a time until the first answer says more, never above the ceiling,
 * never below one.
 */
public final class AdaptiveLimit {

	/** The capacity before Bytez has reported a limit: {@value}, a free plan's. */
	public static final int INITIAL_CAPACITY = 1;

	private final ConcurrencyLimiter limiter;

	private final int ceiling;

	private volatile int reported = -1;

	public AdaptiveLimit(ConcurrencyLimiter limiter, int ceiling) {
		this.limiter = limiter;
		this.ceiling = ceiling;
	}

	/**
	 * Follow a limit Bytez reported.
	 * @param limit the {@code ratelimit-limit} of an answer
	 */
	void reported(int limit) {
		this.reported = limit;
		this.limiter.setCapacity(Math.max(1, Math.min(limit, this.ceiling)));
	}

	/**
	 * The latest limit Bytez reported.
	 * @return the limit, or -1 before one arrived
	 */
	public int lastReported() {
		return this.reported;
	}

	/**
	 * The most calls in flight the limit ever allows.
	 * @return the ceiling
	 */
	public int ceiling() {
		return this.ceiling;
	}

}
