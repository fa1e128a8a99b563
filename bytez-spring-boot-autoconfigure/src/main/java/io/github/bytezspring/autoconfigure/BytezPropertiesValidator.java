package io.github.bytezspring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bytezspring.client.internal.ModelIds;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks bound {@link BytezProperties} so that a bad value fails startup with Boot's report, naming
 * the {@code bytez.*} property, its value and the rule; keys are checked without ever being shown.
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
		key("api-key", properties.getApiKey(), false);
		key("provider-key", properties.getProviderKey(), true);
		httpUrl("base-url", properties.getBaseUrl());
		positive("connect-timeout", properties.getConnectTimeout());
		positive("response-timeout", properties.getResponseTimeout());
		positiveIfSet("stream-idle-timeout", properties.getStreamIdleTimeout());
		inMemorySize("max-in-memory-size", properties.getMaxInMemorySize());
		notNegative("max-inline-media-size", properties.getMaxInlineMediaSize());
		notNegative("max-concurrent-requests", properties.getMaxConcurrentRequests());
		notNegative("max-pending-requests", properties.getMaxPendingRequests());
		retry(properties.getRetry());
		BytezProperties.Pool pool = properties.getPool();
		if (pool.getMaxConnections() <= 0) {
			reject("pool.max-connections", "must be 1 or more");
		}
		positive("pool.max-idle-time", pool.getMaxIdleTime());
		if (properties.getObservations().getMaxModelTags() < 1) {
			reject("observations.max-model-tags", "must be 1 or more");
		}
		endpoints(properties.getEndpoints());
		fallbacks(properties.getFallbacks());
		concurrency(properties);
		budget(properties.getBudget());
		warmUp(properties.getWarmUp());
	}

	private void budget(BytezProperties.Budget budget) {
		if (budget.getMaxCost() != null && budget.getMaxCost().signum() < 0) {
			reject("budget.max-cost", "must not be negative (US dollars, e.g. 5.00)");
		}
		Duration period = budget.getPeriod();
		if (period == null || period.isNegative() || period.toMillis() <= 0) {
			reject("budget.period", "must be a positive duration of at least 1ms, e.g. 1d");
		}
	}

	private void warmUp(BytezProperties.WarmUp warmUp) {
		List<String> models = warmUp.getModels();
		for (int i = 0; i < models.size(); i++) {
			String model = models.get(i);
			try {
				ModelIds.validate(model);
			}
			catch (IllegalArgumentException ex) {
				reject("warm-up.models[" + i + "]", "must be a model id such as 'org/name' (" + ex.getMessage() + ")");
			}
		}
		positive("warm-up.timeout", warmUp.getTimeout());
	}

	private void concurrency(BytezProperties properties) {
		BytezProperties.Concurrency concurrency = properties.getConcurrency();
		Duration leaseTime = concurrency.getLeaseTime();
		if (leaseTime == null || leaseTime.compareTo(Duration.ofSeconds(1)) < 0) {
			reject("concurrency.lease-time", "must be at least 1s, e.g. 30s");
		}
		positive("concurrency.timeout", concurrency.getTimeout());
		if (concurrency.getName() != null && !StringUtils.hasText(concurrency.getName())) {
			reject("concurrency.name", "must not be blank; remove it to name the budget from the API key");
		}
		String url = concurrency.getRedis().getUrl();
		if (url != null && !url.matches("rediss?://\\S+")) {
			reject("concurrency.redis.url", "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379");
		}
		if (concurrency.getStore() == BytezProperties.Concurrency.Store.REDIS
				&& properties.getMaxConcurrentRequests() <= 0) {
			reject("max-concurrent-requests",
					"must be 1 or more with bytez.concurrency.store=redis: it is the budget the instances share");
		}
	}

	private void retry(BytezProperties.Retry retry) {
		notNegative("retry.max-retries", retry.getMaxRetries());
		positive("retry.initial-backoff", retry.getInitialBackoff());
		if (!(retry.getMultiplier() >= 1)) {
			reject("retry.multiplier", "must be 1 or more");
		}
		positive("retry.max-backoff", retry.getMaxBackoff());
		if (!(retry.getJitter() >= 0 && retry.getJitter() <= 1)) {
			reject("retry.jitter", "must be between 0 and 1");
		}
		positive("retry.max-retry-after", retry.getMaxRetryAfter());
	}

	private void endpoints(Map<String, BytezProperties.Endpoint> endpoints) {
		endpoints.forEach((alias, endpoint) -> {
			if (!StringUtils.hasText(endpoint.getModelId()) || !StringUtils.hasText(endpoint.getUrl())) {
				this.errors.reject("bytez.endpoints.incomplete",
						"bytez.endpoints." + alias + " needs both a url and a model-id, e.g. bytez.endpoints." + alias
								+ ".url=http://localhost:8002 and bytez.endpoints." + alias + ".model-id=org/model");
			}
			else {
				httpUrl("endpoints." + alias + ".url", endpoint.getUrl());
			}
		});
	}

	/**
	 * Each chain: a valid model, at least one valid model after it, none of them twice nor the model
	 * itself, and one chain per model.
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
				reject(name + ".model", "has a chain already, bytez.fallbacks[" + earlier
						+ "]; give each model one chain");
			}
			List<String> then = fallback.getThen();
			if (then.isEmpty()) {
				reject(name + ".then", "must name at least one model to fall back to, e.g. bytez." + name
						+ ".then=org/other-model");
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
	 * Rejects a key that the HTTP headers could not carry; the report names the property and the rule,
	 * never the value.
	 */
	private void key(String name, @Nullable String key, boolean checkPlaceholders) {
		if (key == null) {
			return;
		}
		if (key.chars().anyMatch(Character::isISOControl)) {
			this.errors.reject("bytez.key.control-characters", "bytez." + name
					+ " must not contain control characters such as CR, LF or TAB (the value is not shown)");
		}
		else if (checkPlaceholders && UnresolvedPlaceholders.isIn(key)) {
			this.errors.reject("bytez.key.unresolved-placeholder", "bytez." + name + " holds the placeholder '"
					+ UnresolvedPlaceholders.first(key) + "', which nothing resolved: set it, or give it a default");
		}
	}

	private void httpUrl(String name, @Nullable String url) {
		if (!isHttpUrl(url)) {
			reject(name, "must be an absolute http or https URL with a host, e.g. https://api.bytez.com");
		}
	}

	private static boolean isHttpUrl(@Nullable String url) {
		if (url == null) {
			return false;
		}
		try {
			URI uri = new URI(url);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& StringUtils.hasText(uri.getHost());
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(name, "must be a positive duration, e.g. 10s");
		}
	}

	private void positiveIfSet(String name, @Nullable Duration value) {
		if (value != null) {
			positive(name, value);
		}
	}

	private void inMemorySize(String name, @Nullable DataSize value) {
		if (value == null || value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
			reject(name, "must be a positive size of at most 2GB, e.g. 16MB");
		}
	}

	private void notNegative(String name, @Nullable DataSize value) {
		if (value == null || value.isNegative()) {
			reject(name, "must not be negative, e.g. 20MB");
		}
	}

	private void notNegative(String name, int value) {
		if (value < 0) {
			reject(name, "must not be negative");
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
