package io.github.bytezspring.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of a template's spend guard: the maximum cost per period and the current
 * period's estimated spend, as the template last saw it in its store.
 *
 * @param maxCost the maximum estimated cost of a period, in US dollars
 * @param period how long a period lasts
 * @param spent the estimated spend of the current period, in US dollars
 * @param remaining what is left of {@code maxCost}, 0 or more
 * @param periodEnd when the current period ends
 * @param store where the spend is added up: {@code local}, or the shared store's
 * description
 */
public record BytezBudgetStatus(BigDecimal maxCost, Duration period, double spent, double remaining, Instant periodEnd,
		String store) {

	/**
	 * Whether the current period's spend has reached the maximum, so that calls fail
	 * before any request.
	 * @return whether calls are stopped
	 */
	public boolean exceeded() {
		return this.spent >= this.maxCost.doubleValue();
	}

}
