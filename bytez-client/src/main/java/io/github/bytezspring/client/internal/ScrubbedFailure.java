package io.github.bytezspring.client.internal;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A copy of one link of a failure's cause chain whose message has every key masked: it
 * names the original's class and keeps its stack trace, its scrubbed cause and its
 * scrubbed suppressed failures. Hand-written because a {@link Throwable}'s message and
 * cause cannot be changed after it is built, and the connectors' exceptions quote what
 * the server sent (a media type, a reason phrase).
 */
final class ScrubbedFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** How deep a chain is copied; a longer one ends in its last copied link. */
	static final int MAX_DEPTH = 32;

	private final String originalClass;

	private ScrubbedFailure(String originalClass, @Nullable String message) {
		super(message);
		this.originalClass = originalClass;
	}

	static Throwable of(Throwable failure, UnaryOperator<String> scrub, int depth) {
		String message = failure.getMessage();
		ScrubbedFailure copy = new ScrubbedFailure(failure.getClass().getName(),
				(message != null) ? scrub.apply(message) : null);
		copy.setStackTrace(failure.getStackTrace());
		if (depth < MAX_DEPTH) {
			Throwable cause = failure.getCause();
			if (cause != null && cause != failure) {
				copy.initCause(of(cause, scrub, depth + 1));
			}
			for (Throwable suppressed : failure.getSuppressed()) {
				copy.addSuppressed(of(suppressed, scrub, depth + 1));
			}
		}
		return copy;
	}

	/** The name of the class of the failure this copies. */
	String originalClass() {
		return this.originalClass;
	}

	@Override
	public String toString() {
		String message = getLocalizedMessage();
		return this.originalClass + " (key masked)" + ((message != null) ? ": " + message : "");
	}

}
