package io.github.bytezspring.client.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What Bytez's answer to one attempt said about the account's rate limit and the call's
 * metering ({@code ratelimit-limit}, {@code ratelimit-remaining},
 * {@code ratelimit-reset}, {@code inference-time}, {@code inference-meter}); each value
 * is empty when the answer had no such header or it could not be read.
 */
public final class BytezCallMetadata {

	private static final BytezCallMetadata EMPTY = new BytezCallMetadata(null, null, null, null, null);

	private final @Nullable Integer limit;

	private final @Nullable Integer remaining;

	private final @Nullable Duration reset;

	private final @Nullable Duration inferenceTime;

	private final @Nullable String inferenceMeter;

	private BytezCallMetadata(@Nullable Integer limit, @Nullable Integer remaining, @Nullable Duration reset,
			@Nullable Duration inferenceTime, @Nullable String inferenceMeter) {
		this.limit = limit;
		this.remaining = remaining;
		this.reset = reset;
		this.inferenceTime = inferenceTime;
		this.inferenceMeter = inferenceMeter;
	}

	/**
	 * Metadata with no values, as for an answer without any of the headers.
	 * @return the empty metadata
	 */
	public static BytezCallMetadata empty() {
		return EMPTY;
	}

	/**
	 * Metadata with the given values.
	 * @param limit the account's limit, or {@code null}; not negative
	 * @param remaining what was left of it, or {@code null}; not negative
	 * @param reset when the limit resets, from the answer, or {@code null}; not negative
	 * @param inferenceTime how long the model ran, or {@code null}; not negative
	 * @param inferenceMeter the meter the call was billed on, or {@code null}
	 * @return the metadata
	 */
	public static BytezCallMetadata of(@Nullable Integer limit, @Nullable Integer remaining, @Nullable Duration reset,
			@Nullable Duration inferenceTime, @Nullable String inferenceMeter) {
		Assert.isTrue(limit == null || limit >= 0, "limit must not be negative");
		Assert.isTrue(remaining == null || remaining >= 0, "remaining must not be negative");
		Assert.isTrue(reset == null || !reset.isNegative(), "reset must not be negative");
		Assert.isTrue(inferenceTime == null || !inferenceTime.isNegative(), "inferenceTime must not be negative");
		if (limit == null && remaining == null && reset == null && inferenceTime == null && inferenceMeter == null) {
			return EMPTY;
		}
		return new BytezCallMetadata(limit, remaining, reset, inferenceTime, inferenceMeter);
	}

	/**
	 * The account's limit ({@code ratelimit-limit}): for open models, its concurrent
	 * requests.
	 * @return the limit, empty when not reported
	 */
	public OptionalInt limit() {
		return (this.limit != null) ? OptionalInt.of(this.limit) : OptionalInt.empty();
	}

	/**
	 * What was left of the limit when Bytez answered ({@code ratelimit-remaining}).
	 * @return the remaining, empty when not reported
	 */
	public OptionalInt remaining() {
		return (this.remaining != null) ? OptionalInt.of(this.remaining) : OptionalInt.empty();
	}

	/**
	 * How long after the answer the limit resets ({@code ratelimit-reset}).
	 * @return the time to the reset, empty when not reported
	 */
	public Optional<Duration> reset() {
		return Optional.ofNullable(this.reset);
	}

	/**
	 * How long the model ran ({@code inference-time}), what open models are billed by.
	 * @return the inference time, empty when not reported
	 */
	public Optional<Duration> inferenceTime() {
		return Optional.ofNullable(this.inferenceTime);
	}

	/**
	 * The meter the call was billed on ({@code inference-meter}), named as the model
	 * list's {@code meter}.
	 * @return the meter, empty when not reported
	 */
	public Optional<String> inferenceMeter() {
		return Optional.ofNullable(this.inferenceMeter);
	}

	/**
	 * Whether the answer reported none of the values.
	 * @return whether all values are empty
	 */
	public boolean isEmpty() {
		return this == EMPTY;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof BytezCallMetadata that) && Objects.equals(this.limit, that.limit)
				&& Objects.equals(this.remaining, that.remaining) && Objects.equals(this.reset, that.reset)
				&& Objects.equals(this.inferenceTime, that.inferenceTime)
				&& Objects.equals(this.inferenceMeter, that.inferenceMeter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.limit, this.remaining, this.reset, this.inferenceTime, this.inferenceMeter);
	}

	@Override
	public String toString() {
		return "BytezCallMetadata{limit=" + this.limit + ", remaining=" + this.remaining + ", reset=" + this.reset
				+ ", inferenceTime=" + this.inferenceTime + ", inferenceMeter=" + this.inferenceMeter + "}";
	}

}
