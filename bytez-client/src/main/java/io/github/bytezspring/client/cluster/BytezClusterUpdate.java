package io.github.bytezspring.client.cluster;


/**
 * A change to a cluster: any of its capacity, its timeout, or whether it is on; start from
 * {@link #capacity}, {@link #timeoutMinutes}, {@link #on()} or {@link #off()} and combine.
 *
 * @param capacity the new capacity, or {@code null} to keep it
 * @param timeout the new timeout in minutes, or {@code null} to keep it
 * @param status {@code on}, {@code off}, or {@code null} to keep it
 */
public record BytezClusterUpdate(BytezClusterCapacity capacity, Integer timeout, String status) {

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
		if (capacity == null) {
			throw new IllegalArgumentException("capacity must not be null");
		}
		capacity.validate();
		return new BytezClusterUpdate(capacity, this.timeout, this.status);
	}

	/**
	 * This update, also changing the timeout.
	 * @param minutes 1 to 1440
	 * @return a new update
	 */
	public BytezClusterUpdate withTimeoutMinutes(int minutes) {
		return new BytezClusterUpdate(this.capacity, validTimeout(minutes), this.status);
	}

	// the same rule as the client's create(..): checked here so that this package needs nothing internal
	private static int validTimeout(int minutes) {
		if (minutes < 1 || minutes > 1440) {
			throw new IllegalArgumentException("timeout must be 1 to 1440 minutes, not " + minutes);
		}
		return minutes;
	}

}
