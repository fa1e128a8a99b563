package io.github.bytezspring.client.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks shared by the OpenAI-compatible request types.
 */
final class OpenAiParams {

	/** Fields the client sets itself and a caller's params may not override. */
	private static final Set<String> RESERVED = Set.of("model", "messages", "prompt", "input", "stream");

	private OpenAiParams() {
	}

	static Map<String, Object> with(Map<String, Object> params, String name, Object value) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("param name must not be blank");
		}
		if (RESERVED.contains(name)) {
			throw new IllegalArgumentException("'" + name + "' is set by the request itself, not as a param");
		}
		if (value == null) {
			throw new IllegalArgumentException("param '" + name + "' must not be null");
		}
		Map<String, Object> copy = new LinkedHashMap<>(params);
		copy.put(name, value);
		return copy;
	}

	static int positive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	static double notNegative(double value, String name) {
		if (!(value >= 0)) {
			throw new IllegalArgumentException(name + " must be zero or more, was " + value);
		}
		return value;
	}

}
