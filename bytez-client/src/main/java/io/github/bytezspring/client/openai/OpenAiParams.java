package io.github.bytezspring.client.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Checks shared by the OpenAI-compatible request types.
 */
final class OpenAiParams {

	/** Fields the client sets itself and a caller's params may not override. */
	private static final Set<String> RESERVED = Set.of("model", "messages", "prompt", "input", "stream");

	private OpenAiParams() {
	}

	static Map<String, Object> with(Map<String, Object> params, @Nullable String name, @Nullable Object value) {
		Assert.hasText(name, "param name must not be blank");
		Assert.isTrue(!RESERVED.contains(name), () -> "'" + name + "' is set by the request itself, not as a param");
		Assert.notNull(value, () -> "param '" + name + "' must not be null");
		Map<String, Object> copy = new LinkedHashMap<>(params);
		copy.put(name, value);
		return copy;
	}

	static int positive(int value, String name) {
		Assert.isTrue(value > 0, () -> name + " must be positive, was " + value);
		return value;
	}

	static double notNegative(double value, String name) {
		Assert.isTrue(value >= 0, () -> name + " must be zero or more, was " + value);
		return value;
	}

}
