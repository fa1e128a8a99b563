package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.budget.SpendStore;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezSpendStoreException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.bytezspring.client.model.BytezCallMetadata;

import reactor.core.publisher.Mono;

/**
 * The spend guard: adds up the estimated cost of every answered call per period (aligned
 * to the epoch, so that instances sharing a store agree on it) and stops calls that run a
 * model before any request once the period's spend has reached the maximum cost. Not API.
 */
public final class SpendGuard {

	/** The counter of failed spend store operations: {@value}. */
	public static final String STORE_FAILURES = "bytez.client.budget.store.failures";

	private static final Log logger = LogFactory.getLog(SpendGuard.class);

	// the operations that run a model, and so cost something; lists, clusters and model
	// requests do not
	private static final Set<BytezOperation> GUARDED = EnumSet.of(BytezOperation.RUN, BytezOperation.STREAM,
			BytezOperation.STREAM_MEDIA, BytezOperation.CHAT_COMPLETIONS, BytezOperation.STREAM_CHAT_COMPLETIONS,
			BytezOperation.COMPLETIONS, BytezOperation.STREAM_COMPLETIONS, BytezOperation.RESPONSES,
			BytezOperation.STREAM_RESPONSES);

	private final BigDecimal maxCost;

	private final double max;

	private final Duration period;

	private final SpendStore store;

	private final Clock clock;

	private final SettingNames names;

	private final @Nullable Counter failures;

	private final AtomicBoolean failing = new AtomicBoolean();

	// the latest spend seen in the store and the period it belongs to, for the gauges and
	// the status
	private final AtomicLong seenPeriod = new AtomicLong(Long.MIN_VALUE);

	private volatile double seenSpend;

	public SpendGuard(BigDecimal maxCost, Duration period, SpendStore store, Clock clock, SettingNames names,
			@Nullable MeterRegistry meterRegistry) {
		this.maxCost = maxCost;
		this.max = maxCost.doubleValue();
		this.period = period;
		this.store = store;
		this.clock = clock;
		this.names = names;
		if (meterRegistry != null) {
			Gauge.builder(BytezObservationDocumentation.BUDGET_SPENT, this, SpendGuard::spent)
				.description("Estimated spend of the current budget period in US dollars (bytez.budget.period), "
						+ "as this instance last saw it")
				.baseUnit("usd")
				.register(meterRegistry);
			Gauge.builder(BytezObservationDocumentation.BUDGET_REMAINING, this, SpendGuard::remaining)
				.description("What is left of the budget's maximum cost (bytez.budget.max-cost) in the current "
						+ "period in US dollars, as this instance last saw it")
				.baseUnit("usd")
				.register(meterRegistry);
			this.failures = Counter.builder(STORE_FAILURES)
				.description("Failed or timed-out operations on the store of the shared spend")
				.register(meterRegistry);
		}
		else {
			this.failures = null;
		}
	}

	/**
	 * Let a call through when its operation costs nothing or the period's spend is below
	 * the maximum.
	 * @param operation the call's operation
	 * @param modelId its model
	 * @return completes empty to let the call through, fails with
	 * {@link BytezBudgetExceededException} or, when the store does not answer,
	 * {@link BytezSpendStoreException}
	 */
	public Mono<Void> admit(BytezOperation operation, @Nullable String modelId) {
		if (!GUARDED.contains(operation)) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			long index = periodIndex();
			Instant start = start(index);
			return Mono.fromCompletionStage(() -> this.store.spent(start))
				.onErrorMap((ex) -> new BytezSpendStoreException(BytezException.describe(operation, modelId)
						+ " was not sent: " + this.store.description() + " did not answer (" + brief(storeFailed(ex))
						+ "), and without it the spend against " + this.names.of("budgetMaxCost") + " is unknown",
						operation, modelId, cause(ex)))
				.flatMap((spent) -> {
					storeAnswered();
					seen(index, spent);
					if (spent < this.max) {
						return Mono.empty();
					}
					Instant end = start(index + 1);
					return Mono.error(new BytezBudgetExceededException(
							BytezException.describe(operation, modelId)
									+ " was not sent: the estimated spend of this period (" + dollars(spent) + " since "
									+ start + ") has reached " + this.names.of("budgetMaxCost") + " ("
									+ this.maxCost.toPlainString() + " US dollars per " + this.period + ", "
									+ this.names.of("budgetPeriod") + "); calls go again at " + end,
							operation, modelId, end));
				});
		});
	}

	/**
	 * A listener that adds the estimated cost of every answered call to the period's
	 * spend, then tells {@code next}.
	 * @param next the listener to tell afterwards
	 * @param estimate the cost of a call from its model and answer, empty when unknown
	 * @return the listener
	 */
	public BytezCallListener listener(BytezCallListener next,
			BiFunction<String, BytezCallMetadata, Mono<Double>> estimate) {
		return (event) -> {
			if (GUARDED.contains(event.operation()) && event.modelId() != null) {
				estimate.apply(event.modelId(), event.metadata()).subscribe(this::add, (ex) -> {
				});
			}
			next.onAnswer(event);
		};
	}

	/**
	 * Add a call's estimated cost to the current period's spend; a store failure is
	 * counted and logged.
	 * @param dollars the cost
	 */
	public void add(double dollars) {
		if (!(dollars > 0) || !Double.isFinite(dollars)) {
			return;
		}
		long index = periodIndex();
		Mono.fromCompletionStage(() -> this.store.add(start(index), start(index + 1), dollars)).subscribe((total) -> {
			storeAnswered();
			seen(index, total);
		}, this::storeFailed);
	}

	/**
	 * The current period's spend as last seen.
	 * @return US dollars
	 */
	public double spent() {
		return (this.seenPeriod.get() == periodIndex()) ? this.seenSpend : 0.0;
	}

	/**
	 * What is left of the maximum cost in the current period, as last seen.
	 * @return US dollars, 0 or more
	 */
	public double remaining() {
		return Math.max(0.0, this.max - spent());
	}

	/**
	 * The maximum cost of a period.
	 * @return US dollars
	 */
	public BigDecimal maxCost() {
		return this.maxCost;
	}

	/**
	 * The length of a period.
	 * @return the period
	 */
	public Duration period() {
		return this.period;
	}

	/**
	 * Where the spend is added up.
	 * @return {@code local}, or the shared store's description
	 */
	public String storeDescription() {
		return (this.store instanceof LocalSpendStore) ? "local" : this.store.description();
	}

	/**
	 * When the current period ends.
	 * @return the instant
	 */
	public Instant periodEnd() {
		return start(periodIndex() + 1);
	}

	private void seen(long index, double spend) {
		long previous = this.seenPeriod.getAndAccumulate(index, Math::max);
		if (index >= previous) {
			this.seenSpend = (index > previous) ? spend : Math.max(this.seenSpend, spend);
		}
	}

	private long periodIndex() {
		return Math.floorDiv(this.clock.millis(), this.period.toMillis());
	}

	private Instant start(long index) {
		return Instant.ofEpochMilli(index * this.period.toMillis());
	}

	/**
	 * Count every failed store operation; log the first of an outage once (WARN), the
	 * rest at DEBUG.
	 */
	private Throwable storeFailed(Throwable ex) {
		if (this.failures != null) {
			this.failures.increment();
		}
		if (this.failing.compareAndSet(false, true)) {
			logger.warn(this.store.description() + " did not answer; calls that run a model fail with "
					+ "BytezSpendStoreException until it answers again: " + brief(ex));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Still no answer from " + this.store.description() + ": " + brief(ex));
		}
		return ex;
	}

	private void storeAnswered() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info(this.store.description() + " answers again");
		}
	}

	private static Throwable cause(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	private static String brief(Throwable ex) {
		Throwable cause = cause(ex);
		// Redis URLs may carry credentials (redis://user:password@host): never shown
		String message = String.valueOf(cause.getMessage())
			.lines()
			.findFirst()
			.orElse("")
			.replaceAll("//[^/@\\s]*@", "//");
		return cause.getClass().getSimpleName() + ": "
				+ ((message.length() > 160) ? message.substring(0, 160) + "…" : message);
	}

	private static String dollars(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " US dollars";
	}

}
