package io.github.bytezspring.client.budget;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Adds up the estimated spend of each budget period; periods are named by their start, so
 * every instance that shares a store adds to the same sum. Operations must complete (or
 * fail) in bounded time.
 */
public interface SpendStore {

	/**
	 * The spend of a period so far.
	 * @param periodStart the start of the period
	 * @return the US dollars spent, 0 when nothing was added
	 */
	CompletionStage<Double> spent(Instant periodStart);

	/**
	 * Add to the spend of a period.
	 * @param periodStart the start of the period
	 * @param periodEnd its end, after which the sum may be forgotten
	 * @param dollars the estimated cost of a call
	 * @return the period's spend after the addition
	 */
	CompletionStage<Double> add(Instant periodStart, Instant periodEnd, double dollars);

	/**
	 * What the store is, for messages and logs; never a key or a password.
	 * @return the description
	 */
	String description();

}
