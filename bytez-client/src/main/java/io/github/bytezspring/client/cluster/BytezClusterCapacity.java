package io.github.bytezspring.client.cluster;

import org.springframework.util.Assert;

/**
 * How many instances a cluster runs: at least {@code min}, normally {@code desired}, at
 * most {@code max}.
 *
 * @param min the fewest instances, 0 or more
 * @param desired the usual number of instances
 * @param max the most instances
 */
public record BytezClusterCapacity(int min, int desired, int max) {

	/**
	 * A capacity, checked: {@code 0 <= min <= desired <= max} and {@code max >= 1}.
	 * @param min the fewest instances
	 * @param desired the usual number
	 * @param max the most
	 * @return the capacity
	 * @throws IllegalArgumentException when the numbers are out of order
	 */
	public static BytezClusterCapacity of(int min, int desired, int max) {
		BytezClusterCapacity capacity = new BytezClusterCapacity(min, desired, max);
		capacity.validate();
		return capacity;
	}

	/**
	 * Check this capacity: {@code 0 <= min <= desired <= max} and {@code max >= 1}; a
	 * capacity read from Bytez is not checked, one sent to it is.
	 * @throws IllegalArgumentException when the numbers are out of order
	 */
	public void validate() {
		Assert.isTrue(this.min >= 0 && this.min <= this.desired && this.desired <= this.max && this.max >= 1,
				() -> "capacity must satisfy 0 <= min <= desired <= max and max >= 1, not min=" + this.min
						+ ", desired=" + this.desired + ", max=" + this.max);
	}

}
