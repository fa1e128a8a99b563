package io.github.bytezspring.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The scripted behaviours waiting for calls, in the order they were added: a call takes
 * the first one that targets it, which then has one call fewer left.
 */
final class StubScripts {

	/** The number of calls of a behaviour that lasts until the stub is reset. */
	static final int EVERY_CALL = -1;

	private final List<Rule> rules = new ArrayList<>();

	synchronized void add(@Nullable String modelId, int calls, StubBehaviour behaviour) {
		this.rules.add(new Rule(modelId, calls, behaviour));
	}

	/**
	 * Whether a call has a behaviour waiting for it.
	 * @param target the model the call is about, or {@code null} for a call about no
	 * model
	 * @return whether a behaviour is waiting
	 */
	synchronized boolean hasPending(@Nullable String target) {
		return this.rules.stream().anyMatch((rule) -> rule.targets(target));
	}

	/**
	 * Take the behaviour for a call.
	 * @param target the model the call is about, or {@code null}
	 * @return the behaviour, or {@code null} when none is waiting (any more)
	 */
	synchronized @Nullable StubBehaviour take(@Nullable String target) {
		for (Iterator<Rule> iterator = this.rules.iterator(); iterator.hasNext();) {
			Rule rule = iterator.next();
			if (rule.targets(target)) {
				if (rule.remaining != EVERY_CALL && --rule.remaining == 0) {
					iterator.remove();
				}
				return rule.behaviour;
			}
		}
		return null;
	}

	synchronized void clear() {
		this.rules.clear();
	}

	private static final class Rule {

		private final @Nullable String modelId;

		private final StubBehaviour behaviour;

		private int remaining;

		Rule(@Nullable String modelId, int remaining, StubBehaviour behaviour) {
			this.modelId = modelId;
			this.remaining = remaining;
			this.behaviour = behaviour;
		}

		boolean targets(@Nullable String target) {
			return this.modelId == null || this.modelId.equals(target);
		}

	}

}
