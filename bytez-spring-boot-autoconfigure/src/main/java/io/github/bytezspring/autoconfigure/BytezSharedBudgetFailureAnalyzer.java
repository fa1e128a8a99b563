package io.github.bytezspring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the shared concurrency budget could not be set up, naming the
 * {@code bytez.concurrency.*} properties that govern it.
 */
class BytezSharedBudgetFailureAnalyzer extends AbstractFailureAnalyzer<BytezSharedBudgetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BytezSharedBudgetException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
