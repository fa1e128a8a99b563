package io.github.bytezspring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The shared concurrency budget ({@code bytez.concurrency.store=redis}) could not be set
 * up at startup.
 */
class BytezSharedBudgetException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	BytezSharedBudgetException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
