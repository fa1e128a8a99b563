package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Free-form model parameters of the non-chat options: checked, copied and merged one way.
 */
final class ModelParams {

	private ModelParams() {
	}

	static Map<String, Object> copy(@Nullable Map<String, ?> params) {
		Map<String, Object> copy = new LinkedHashMap<>();
		if (params != null) {
			params.forEach((name, value) -> {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException("params must not hold an empty name");
				}
				if (value == null) {
					throw new IllegalArgumentException("value of param '" + name + "' must not be null");
				}
				copy.put(name, value);
			});
		}
		return Map.copyOf(copy);
	}

	static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(defaults);
		merged.putAll(overrides);
		return Map.copyOf(merged);
	}

	static <T> @Nullable T firstSet(@Nullable T override, @Nullable T fallback) {
		return (override != null) ? override : fallback;
	}

}
