package io.github.bytezspring.autoconfigure;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bytezspring.client.BytezSettings;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.settings.BytezSetting;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * Checks bound {@link BytezProperties} so that a bad value fails startup with Boot's
 * report, naming the {@code bytez.*} property, its value and the rule; keys are checked
 * without ever being shown. The rules are the settings' own ({@link BytezBootSettings});
 * only rules that span settings are here.
 */
final class BytezPropertiesValidator {

	private final Errors errors;

	private BytezPropertiesValidator(Errors errors) {
		this.errors = errors;
	}

	static void validate(BytezProperties properties, Errors errors) {
		new BytezPropertiesValidator(errors).check(properties);
	}

	private void check(BytezProperties properties) {
		for (BytezSetting<?> setting : BytezBootSettings.all()) {
			Object value = BytezBootSettings.valueOf(properties, setting);
			if (setting.secret()) {
				key(setting, (String) value);
			}
			else {
				String violation = setting.violation(value);
				if (violation != null) {
					rejectValueOrElements(setting, value, violation);
				}
			}
		}
		endpoints(properties.getEndpoints());
		fallbacks(properties.getFallbacks());
		if (properties.getConcurrency().getStore() == BytezProperties.Concurrency.Store.REDIS
				&& properties.getMaxConcurrentRequests() <= 0) {
			reject("max-concurrent-requests",
					"must be 1 or more with bytez.concurrency.store=redis: it is the budget the instances share");
		}
	}

	/**
	 * Rejects a list setting's elements that break its rule one by one
	 * ({@code bytez.x[1]}), so that the report shows the element as typed; any other
	 * setting as a whole.
	 */
	private void rejectValueOrElements(BytezSetting<?> setting, @Nullable Object value, String violation) {
		if (!(value instanceof List<?> list)) {
			reject(setting.property(), violation);
			return;
		}
		for (int i = 0; i < list.size(); i++) {
			String elementViolation = setting.violation(List.of(list.get(i)));
			if (elementViolation != null) {
				reject(setting.property() + "[" + i + "]", elementViolation);
			}
		}
	}

	private void endpoints(Map<String, BytezProperties.Endpoint> endpoints) {
		endpoints.forEach((alias, endpoint) -> {
			if (!StringUtils.hasText(endpoint.getModelId()) || !StringUtils.hasText(endpoint.getUrl())) {
				this.errors.reject("bytez.endpoints.incomplete",
						"bytez.endpoints." + alias + " needs both a url and a model-id, e.g. bytez.endpoints." + alias
								+ ".url=http://localhost:8002 and bytez.endpoints." + alias + ".model-id=org/model");
			}
			else {
				String violation = BytezSettings.BASE_URL.violation(endpoint.getUrl());
				if (violation != null) {
					reject("endpoints." + alias + ".url", violation);
				}
			}
		});
	}

	/**
	 * Each chain: a valid model, at least one valid model after it, none of them twice
	 * nor the model itself, and one chain per model.
	 */
	private void fallbacks(List<BytezProperties.Fallback> fallbacks) {
		Map<String, Integer> chainOf = new HashMap<>();
		for (int i = 0; i < fallbacks.size(); i++) {
			BytezProperties.Fallback fallback = fallbacks.get(i);
			String name = "fallbacks[" + i + "]";
			String model = fallback.getModel();
			if (!modelId(name + ".model", model)) {
				continue;
			}
			Integer earlier = chainOf.putIfAbsent(model, i);
			if (earlier != null) {
				reject(name + ".model",
						"has a chain already, bytez.fallbacks[" + earlier + "]; give each model one chain");
			}
			List<String> then = fallback.getThen();
			if (then.isEmpty()) {
				reject(name + ".then",
						"must name at least one model to fall back to, e.g. bytez." + name + ".then=org/other-model");
			}
			Set<String> seen = new HashSet<>();
			for (int j = 0; j < then.size(); j++) {
				String next = then.get(j);
				String thenName = name + ".then[" + j + "]";
				if (!modelId(thenName, next)) {
					continue;
				}
				if (next.equals(model)) {
					reject(thenName, "must not be bytez." + name + ".model itself: a model cannot fall back to itself");
				}
				else if (!seen.add(next)) {
					reject(thenName, "is in the chain twice; a model is tried once");
				}
			}
		}
	}

	private boolean modelId(String name, @Nullable String modelId) {
		if (!StringUtils.hasText(modelId)) {
			reject(name, "must be a model id such as org/name, not blank");
			return false;
		}
		try {
			ModelIds.validate(modelId);
			return true;
		}
		catch (IllegalArgumentException ex) {
			reject(name, "must be a model id such as org/name: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Rejects a key that the HTTP headers could not carry, or that holds a placeholder
	 * nothing resolved; the report names the property and the rule, never the value.
	 */
	private void key(BytezSetting<?> setting, @Nullable String key) {
		if (key == null) {
			return;
		}
		String violation = setting.violation(key);
		if (violation != null) {
			this.errors.reject("bytez.key.control-characters", setting.propertyName() + " " + violation);
		}
		else if (!setting.equals(BytezSettings.API_KEY) && UnresolvedPlaceholders.isIn(key)) {
			this.errors.reject("bytez.key.unresolved-placeholder", setting.propertyName() + " holds the placeholder '"
					+ UnresolvedPlaceholders.first(key) + "', which nothing resolved: set it, or give it a default");
		}
	}

	/**
	 * Rejects a property by its dashed name, which Boot's report shows as
	 * {@code bytez.<name>} with the bound value and where it came from.
	 */
	private void reject(String name, String rule) {
		this.errors.rejectValue(name, "bytez.invalid", rule);
	}

}
