package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.budget.SpendStore;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The spend of this instance alone: the current period's sum in memory, started afresh
 * when a call names a newer period.
 */
public final class LocalSpendStore implements SpendStore {

	private final AtomicReference<Period> current = new AtomicReference<>(new Period(Instant.EPOCH));

	@Override
	public CompletionStage<Double> spent(Instant periodStart) {
		Period period = Objects.requireNonNull(this.current.get());
		return CompletableFuture.completedFuture(period.start.equals(periodStart) ? period.sum.sum() : 0.0);
	}

	@Override
	public CompletionStage<Double> add(Instant periodStart, Instant periodEnd, double dollars) {
		Period period = this.current
			.updateAndGet((existing) -> existing.start.isBefore(periodStart) ? new Period(periodStart) : existing);
		if (!period.start.equals(periodStart)) {
			// a late cost of a period that already ended: it no longer counts
			return CompletableFuture.completedFuture(0.0);
		}
		period.sum.add(dollars);
		return CompletableFuture.completedFuture(period.sum.sum());
	}

	@Override
	public String description() {
		return "this instance's spend";
	}

	private static final class Period {

		private final Instant start;

		private final DoubleAdder sum = new DoubleAdder();

		Period(Instant start) {
			this.start = start;
		}

	}

}
