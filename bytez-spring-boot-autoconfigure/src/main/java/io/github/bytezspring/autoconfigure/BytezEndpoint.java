package io.github.bytezspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.bytezspring.client.BytezBudgetStatus;
import io.github.bytezspring.client.BytezClientStatus;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code bytez} actuator endpoint ({@code /actuator/bytez} when exposed): the
 * concurrency limit in force and where it came from, the concurrency store and its
 * permits, calls in flight and waiting, the latest rate-limit headers, retries, the
 * estimated cost so far, the spend guard (bytez.budget.*) and the warm-up state of each
 * model (bytez.warm-up.models). It never shows a key.
 */
@Endpoint(id = "bytez")
public class BytezEndpoint {

	private final Supplier<BytezClientStatus> status;

	private final ConcurrencyStore store;

	private volatile Supplier<@Nullable BytezBudgetStatus> budget = () -> null;

	private volatile @Nullable BytezWarmUp warmUp;

	/**
	 * Create the endpoint of a template.
	 * @param template the template
	 */
	public BytezEndpoint(BytezTemplate template) {
		this(template::status);
	}

	/**
	 * Create an endpoint that reads the status when asked.
	 * @param status the status of the template, {@code null} when the application's
	 * {@code BytezOperations} is not a {@code BytezTemplate}
	 */
	public BytezEndpoint(Supplier<BytezClientStatus> status) {
		this(status, ConcurrencyStore.LOCAL);
	}

	BytezEndpoint(Supplier<BytezClientStatus> status, ConcurrencyStore store) {
		this.status = status;
		this.store = store;
	}

	/**
	 * Also show the spend guard's state, read when asked ({@code null} when there is no
	 * guard).
	 */
	BytezEndpoint withBudget(Supplier<@Nullable BytezBudgetStatus> budget) {
		this.budget = budget;
		return this;
	}

	/** Also show the warm-up's state of each model. */
	BytezEndpoint withWarmUp(@Nullable BytezWarmUp warmUp) {
		this.warmUp = warmUp;
		return this;
	}

	/**
	 * The template's state now.
	 * @return the state, as JSON-ready maps
	 */
	@ReadOperation
	public Map<String, Object> status() {
		BytezClientStatus status = this.status.get();
		if (status == null) {
			return Map.of("template", "the application's BytezOperations is not a BytezTemplate: nothing to report");
		}
		Map<String, Object> limit = new LinkedHashMap<>();
		limit.put("value", status.limit());
		limit.put("source", status.limitSource());
		limit.put("ceiling", status.limitCeiling());
		Map<String, Object> store = this.store.describe();
		if (status.permitsHeld() >= 0) {
			store.put("permitsHeld", status.permitsHeld());
		}
		Map<String, Object> calls = new LinkedHashMap<>();
		calls.put("inFlight", status.inFlight());
		calls.put("waiting", status.waiting());
		Map<String, Object> rateLimit = new LinkedHashMap<>();
		rateLimit.put("limit", (status.reportedLimit() >= 0) ? status.reportedLimit() : null);
		rateLimit.put("remaining", (status.reportedRemaining() >= 0) ? status.reportedRemaining() : null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("concurrencyLimit", limit);
		body.put("concurrencyStore", store);
		body.put("calls", calls);
		body.put("rateLimit", rateLimit);
		body.put("retries", status.retries());
		body.put("estimatedCostUsd", status.estimatedCost());
		BytezBudgetStatus budget = this.budget.get();
		if (budget != null) {
			Map<String, Object> spend = new LinkedHashMap<>();
			spend.put("maxCostUsd", budget.maxCost());
			spend.put("period", budget.period().toString());
			spend.put("spentUsd", budget.spent());
			spend.put("remainingUsd", budget.remaining());
			spend.put("exceeded", budget.exceeded());
			spend.put("periodEnd", budget.periodEnd().toString());
			spend.put("store", budget.store());
			body.put("budget", spend);
		}
		BytezWarmUp warmUp = this.warmUp;
		if (warmUp != null) {
			body.put("warmUp", warmUp.describe());
		}
		return body;
	}

	/**
	 * Where the limit's permits come from: each instance's own ({@code local}), or a
	 * shared budget's store, read when the endpoint is asked (within the store's
	 * timeout).
	 */
	record ConcurrencyStore(String type, @Nullable Supplier<@Nullable PermitStore> store, long timeoutMillis) {

		static final ConcurrencyStore LOCAL = new ConcurrencyStore("local", null, 0);

		Map<String, Object> describe() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("store", this.type);
			PermitStore permitStore = (this.store != null) ? this.store.get() : null;
			if (this.store != null && permitStore == null) {
				body.put("fallback",
						"Redis could not be reached at startup: this instance runs under its local limit alone");
			}
			if (permitStore == null) {
				return body;
			}
			try {
				PermitStoreStatus status = permitStore.status()
					.toCompletableFuture()
					.get(this.timeoutMillis + 500, TimeUnit.MILLISECONDS);
				body.put("semaphore", status.name());
				body.put("permitsAvailable", status.available());
				body.put("permitsTotal", status.total());
				body.put("waitingFleetWide", status.queued());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				body.put("error", "interrupted");
			}
			catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				body.put("semaphore", permitStore.description());
				body.put("error", BytezPermitStoreHealthIndicator.scrubbed(cause.toString()));
			}
			return body;
		}

	}

}
