package io.github.bytezspring.autoconfigure;

import java.util.Map;

import io.github.bytezspring.client.BytezSettings;
import io.github.bytezspring.client.settings.BytezSetting;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

/**
 * Checks bound {@link BytezProperties} so that a bad value fails startup with Boot's report, naming
 * the {@code bytez.*} property, its value and the rule; keys are checked without ever being shown. The
 * rules are the settings' own ({@link BytezBootSettings}); only rules that span settings are here.
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
					reject(setting.property(), violation);
				}
			}
		}
		endpoints(properties.getEndpoints());
		if (properties.getConcurrency().getStore() == BytezProperties.Concurrency.Store.REDIS
				&& properties.getMaxConcurrentRequests() <= 0) {
			reject("max-concurrent-requests",
					"must be 1 or more with bytez.concurrency.store=redis: it is the budget the instances share");
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
	 * Rejects a key that the HTTP headers could not carry, or that holds a placeholder nothing resolved;
	 * the report names the property and the rule, never the value.
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
	 * Rejects a property by its dashed name, which Boot's report shows as {@code bytez.<name>} with the
	 * bound value and where it came from.
	 */
	private void reject(String name, String rule) {
		this.errors.rejectValue(name, "bytez.invalid", rule);
	}

}
