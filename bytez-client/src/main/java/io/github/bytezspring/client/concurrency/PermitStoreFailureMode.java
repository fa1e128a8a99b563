package io.github.bytezspring.client.concurrency;

/**
 * What a call does when its {@link PermitStore} cannot be reached.
 */
public enum PermitStoreFailureMode {

	/**
	 * Fail the call with a
	 * {@link io.github.bytezspring.client.error.BytezPermitStoreException}.
	 */
	FAIL,

	/**
	 * Go on under this instance's local limit alone (the budget is then no longer
	 * shared).
	 */
	LOCAL

}
