package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.budget.SpendStore;
import io.github.bytezspring.client.concurrency.PermitStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The shared concurrency budget as configured: its store, or none when Redis could not be
 * reached at startup and {@code bytez.concurrency.on-store-failure=local}; shuts down a
 * Redis connection it owns.
 */
final class BytezSharedBudget implements DisposableBean {

	private final @Nullable PermitStore store;

	private final @Nullable AutoCloseable ownedConnection;

	private final @Nullable SpendStore spendStore;

	BytezSharedBudget(@Nullable PermitStore store, @Nullable AutoCloseable ownedConnection) {
		this(store, null, ownedConnection);
	}

	BytezSharedBudget(@Nullable PermitStore store, @Nullable SpendStore spendStore,
			@Nullable AutoCloseable ownedConnection) {
		this.store = store;
		this.spendStore = spendStore;
		this.ownedConnection = ownedConnection;
	}

	/**
	 * The store of the spend of bytez.budget.max-cost, on the same Redis; none without a
	 * maximum cost.
	 */
	@Nullable SpendStore spendStore() {
		return this.spendStore;
	}

	@Nullable PermitStore store() {
		return this.store;
	}

	@Override
	public void destroy() throws Exception {
		if (this.ownedConnection != null) {
			this.ownedConnection.close();
		}
	}

}
