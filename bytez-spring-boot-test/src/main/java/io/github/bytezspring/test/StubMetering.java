package io.github.bytezspring.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The rate-limit and metering headers the stub sends on every answer
 * ({@code ratelimit-limit}, {@code ratelimit-remaining}, {@code inference-time},
 * {@code inference-meter}, and {@code ratelimit-reset} when set), so that cost dashboards
 * and adaptive limits can be tested offline; {@code ratelimit-remaining} is the limit
 * less the requests the stub is serving, this one included. Change it with
 * {@link BytezStubServer#metering()}; {@link BytezStubServer#reset()} restores the
 * defaults.
 */
public final class StubMetering {

	/** The {@code ratelimit-limit} sent unless changed: {@value}. */
	public static final int DEFAULT_LIMIT = 10;

	/** The {@code inference-time} sent unless changed: 50 ms. */
	public static final Duration DEFAULT_INFERENCE_TIME = Duration.ofMillis(50);

	/** The {@code inference-meter} sent unless changed: {@value}. */
	public static final String DEFAULT_METER = "stub-meter";

	private boolean enabled = true;

	private int limit = DEFAULT_LIMIT;

	private final Deque<Integer> scriptedLimits = new ArrayDeque<>();

	private Duration inferenceTime = DEFAULT_INFERENCE_TIME;

	private String meter = DEFAULT_METER;

	private @Nullable Duration reset;

	StubMetering() {
	}

	/**
	 * The {@code ratelimit-limit} of every answer from now on.
	 * @param limit the limit, not negative
	 * @return this
	 */
	public synchronized StubMetering limit(int limit) {
		Assert.isTrue(limit >= 0, "limit must not be negative");
		this.scriptedLimits.clear();
		this.limit = limit;
		return this;
	}

	/**
	 * Script a shrinking or growing limit: the next answers report these limits one by
	 * one, and every answer after them the last.
	 * @param limits the limits, in order, none negative
	 * @return this
	 */
	public synchronized StubMetering limits(int... limits) {
		Assert.isTrue(limits != null && limits.length > 0, "limits must not be empty");
		this.scriptedLimits.clear();
		for (int value : limits) {
			Assert.isTrue(value >= 0, "limits must not be negative");
			this.scriptedLimits.add(value);
		}
		return this;
	}

	/**
	 * The {@code inference-time} of every answer.
	 * @param inferenceTime the time, not negative
	 * @return this
	 */
	public synchronized StubMetering inferenceTime(Duration inferenceTime) {
		Assert.isTrue(inferenceTime != null && !inferenceTime.isNegative(), "inferenceTime must not be negative");
		this.inferenceTime = inferenceTime;
		return this;
	}

	/**
	 * The {@code inference-meter} of every answer.
	 * @param meter the meter name, not blank
	 * @return this
	 */
	public synchronized StubMetering inferenceMeter(String meter) {
		Assert.hasText(meter, "meter must not be blank");
		this.meter = meter;
		return this;
	}

	/**
	 * Also send {@code ratelimit-reset} (not sent by default: on a 429 without
	 * {@code Retry-After} the client waits that long before retrying).
	 * @param reset the time to the reset, or {@code null} to send none
	 * @return this
	 */
	public synchronized StubMetering reset(@Nullable Duration reset) {
		Assert.isTrue(reset == null || !reset.isNegative(), "reset must not be negative");
		this.reset = reset;
		return this;
	}

	/**
	 * Send none of the headers, as an answer from before Bytez had them.
	 * @return this
	 */
	public synchronized StubMetering off() {
		this.enabled = false;
		return this;
	}

	/**
	 * Send the headers again.
	 * @return this
	 */
	public synchronized StubMetering on() {
		this.enabled = true;
		return this;
	}

	synchronized void restoreDefaults() {
		this.enabled = true;
		this.limit = DEFAULT_LIMIT;
		this.scriptedLimits.clear();
		this.inferenceTime = DEFAULT_INFERENCE_TIME;
		this.meter = DEFAULT_METER;
		this.reset = null;
	}

	/**
	 * The headers of one answer.
	 * @param inFlight the requests being served, this one included
	 * @param headers takes each header's name and value
	 */
	synchronized void writeHeaders(int inFlight, java.util.function.BiConsumer<String, String> headers) {
		if (!this.enabled) {
			return;
		}
		if (!this.scriptedLimits.isEmpty()) {
			this.limit = (this.scriptedLimits.size() > 1) ? this.scriptedLimits.poll() : this.scriptedLimits.peek();
		}
		headers.accept("ratelimit-limit", Integer.toString(this.limit));
		headers.accept("ratelimit-remaining", Integer.toString(Math.max(0, this.limit - inFlight)));
		if (this.reset != null) {
			headers.accept("ratelimit-reset", Long.toString(Math.max(0, (this.reset.toMillis() + 999) / 1000)));
		}
		headers.accept("inference-time",
				java.math.BigDecimal.valueOf(this.inferenceTime.toNanos(), 9).stripTrailingZeros().toPlainString());
		headers.accept("inference-meter", this.meter);
	}

	@Override
	public synchronized String toString() {
		return "StubMetering{enabled=" + this.enabled + ", limit=" + this.limit + ", inferenceTime="
				+ this.inferenceTime + ", meter=" + this.meter + "}";
	}

}
