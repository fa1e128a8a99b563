package io.github.bytezspring.client.cluster;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A change to a cluster: any of its capacity, its timeout, or whether it is on; start
 * from {@link #capacity}, {@link #timeoutMinutes}, {@link #on()} or {@link #off()} and
 * combine.
 *
 * @param capacity the new capacity, or {@code null} to keep it
 * @param timeout the new timeout in minutes, or {@code null} to keep it
 * @param status {@code on}, {@code off}, or {@code null} to keep it
 */
public record BytezClusterUpdate(@Nullable BytezClusterCapacity capacity, @Nullable Integer timeout,
		@Nullable String status) {

	/** The longest timeout Bytez accepts, in minutes: a day. */
	public static final int MAX_TIMEOUT_MINUTES = 1440;

	private static final BytezClusterUpdate NOTHING = new BytezClusterUpdate(null, null, null);

	/**
	 * Change the capacity.
	 * @param capacity the new capacity
	 * @return the update
	 */
	public static BytezClusterUpdate capacity(BytezClusterCapacity capacity) {
		return NOTHING.withCapacity(capacity);
	}

	/**
	 * Change the timeout.
	 * @param minutes 1 to 1440
	 * @return the update
	 */
	public static BytezClusterUpdate timeoutMinutes(int minutes) {
		return NOTHING.withTimeoutMinutes(minutes);
	}

	/**
	 * Turn the cluster on.
	 * @return the update
	 */
	public static BytezClusterUpdate on() {
		return new BytezClusterUpdate(null, null, "on");
	}

	/**
	 * Turn the cluster off.
	 * @return the update
	 */
	public static BytezClusterUpdate off() {
		return new BytezClusterUpdate(null, null, "off");
	}

	/**
	 * This update, also changing the capacity.
	 * @param capacity the new capacity
	 * @return a new update
	 */
	public BytezClusterUpdate withCapacity(BytezClusterCapacity capacity) {
		Assert.notNull(capacity, "capacity must not be null");
		capacity.validate();
		return new BytezClusterUpdate(capacity, this.timeout, this.status);
	}

	/**
	 * This update, also changing the timeout.
	 * @param minutes 1 to 1440
	 * @return a new update
	 */
	public BytezClusterUpdate withTimeoutMinutes(int minutes) {
		return new BytezClusterUpdate(this.capacity, checkTimeoutMinutes(minutes), this.status);
	}

	/**
	 * Check a cluster timeout.
	 * @param minutes the timeout in minutes
	 * @return the timeout
	 * @throws IllegalArgumentException unless it is 1 to {@value #MAX_TIMEOUT_MINUTES}
	 */
	public static int checkTimeoutMinutes(int minutes) {
		Assert.isTrue(minutes >= 1 && minutes <= MAX_TIMEOUT_MINUTES,
				() -> "timeout must be 1 to " + MAX_TIMEOUT_MINUTES + " minutes, not " + minutes);
		return minutes;
	}

}
