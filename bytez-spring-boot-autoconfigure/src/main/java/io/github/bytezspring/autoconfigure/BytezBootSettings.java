package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.bytezspring.client.BytezSettings;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.settings.BytezSetting;
import io.github.bytezspring.client.settings.SettingRule;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Every {@code bytez.*} setting: the client's ({@link BytezSettings}) and those only
 * Spring Boot has (the connection pool, the shared budget, the meters' cap, switches),
 * each described once; the validator, the mapping onto the client's builder, the failure
 * analyzers and the metadata tests read them here.
 */
final class BytezBootSettings {

	static final BytezSetting<Boolean> ENABLED = BytezSetting.property("enabled", Boolean.class, true,
			SettingRule.any());

	static final BytezSetting<Integer> POOL_MAX_CONNECTIONS = BytezSetting.property("pool.max-connections",
			Integer.class, BytezConnectionPool.DEFAULT_MAX_CONNECTIONS, SettingRule.positive());

	static final BytezSetting<Duration> POOL_MAX_IDLE_TIME = BytezSetting.property("pool.max-idle-time", Duration.class,
			BytezConnectionPool.DEFAULT_MAX_IDLE_TIME, SettingRule.positiveDuration());

	static final BytezSetting<Boolean> RETRY_ENABLED = BytezSetting.property("retry.enabled", Boolean.class, true,
			SettingRule.any());

	static final BytezSetting<Boolean> OBSERVATIONS_ENABLED = BytezSetting.property("observations.enabled",
			Boolean.class, true, SettingRule.any());

	static final BytezSetting<Integer> OBSERVATIONS_MAX_MODEL_TAGS = BytezSetting.property(
			"observations.max-model-tags", Integer.class, BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS,
			SettingRule.positive());

	static final BytezSetting<BytezProperties.Concurrency.Store> CONCURRENCY_STORE = BytezSetting.property(
			"concurrency.store", BytezProperties.Concurrency.Store.class, BytezProperties.Concurrency.Store.LOCAL,
			SettingRule.notNull());

	static final BytezSetting<String> CONCURRENCY_NAME = BytezSetting.property("concurrency.name", String.class, null,
			SettingRule.notBlankOrNone("remove it to name the budget from the API key"));

	static final BytezSetting<Duration> CONCURRENCY_LEASE_TIME = BytezSetting.property("concurrency.lease-time",
			Duration.class, PermitStore.DEFAULT_LEASE_TIME, SettingRule.atLeast(Duration.ofSeconds(1), "30s"));

	static final BytezSetting<Duration> CONCURRENCY_TIMEOUT = BytezSetting.property("concurrency.timeout",
			Duration.class, PermitStore.DEFAULT_OPERATION_TIMEOUT, SettingRule.positiveDuration());

	static final BytezSetting<String> CONCURRENCY_REDIS_URL = BytezSetting.property("concurrency.redis.url",
			String.class, null, SettingRule.redisUrlOrNone());

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final BytezSetting<List> WARM_UP_MODELS = BytezSetting
		.property("warm-up.models", List.class, List.of(), new SettingRule<List>(
				"must be a model id such as 'org/name'",
				(models) -> models == null || ((List<Object>) models).stream().allMatch(BytezBootSettings::isModelId)));

	static final BytezSetting<Duration> WARM_UP_TIMEOUT = BytezSetting.property("warm-up.timeout", Duration.class,
			BytezWarmUp.DEFAULT_TIMEOUT, SettingRule.positiveDuration());

	private static final List<BytezSetting<?>> ALL = all(ENABLED, POOL_MAX_CONNECTIONS, POOL_MAX_IDLE_TIME,
			RETRY_ENABLED, OBSERVATIONS_ENABLED, OBSERVATIONS_MAX_MODEL_TAGS, CONCURRENCY_STORE, CONCURRENCY_NAME,
			CONCURRENCY_LEASE_TIME, CONCURRENCY_TIMEOUT, CONCURRENCY_REDIS_URL, WARM_UP_MODELS, WARM_UP_TIMEOUT);

	private BytezBootSettings() {
	}

	/**
	 * Every {@code bytez.*} setting, the client's first.
	 */
	static List<BytezSetting<?>> all() {
		return ALL;
	}

	/**
	 * What a user calls a setting the client names: the {@code bytez.*} property of a
	 * builder option ({@code maxPendingRequests}) or of a setting the client names by its
	 * path ({@code pool.maxConnections} for the connector's pool), or the name itself
	 * when no property sets it.
	 */
	static String propertyName(String option) {
		return BytezSettings.ofOption(option)
			.or(() -> ALL.stream().filter((setting) -> beanPath(setting.property()).equals(option)).findFirst())
			.map(BytezSetting::propertyName)
			.orElse(option);
	}

	/**
	 * The bound value of a setting, read by its property path (Boot's own naming rules
	 * turn the dashed property into the bean path, e.g. {@code retry.max-retries} into
	 * {@code retry.maxRetries}).
	 */
	static @Nullable Object valueOf(BytezProperties properties, BytezSetting<?> setting) {
		return new BeanWrapperImpl(properties).getPropertyValue(beanPath(setting.property()));
	}

	static String beanPath(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			path.append((i > 0) ? "." : "").append(camelCase(element));
		}
		return path.toString();
	}

	private static boolean isModelId(@Nullable Object model) {
		if (!(model instanceof String modelId)) {
			return false;
		}
		try {
			ModelIds.validate(modelId);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String camelCase(String dashed) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

	private static List<BytezSetting<?>> all(BytezSetting<?>... bootOnly) {
		List<BytezSetting<?>> all = new ArrayList<>(BytezSettings.all());
		all.addAll(List.of(bootOnly));
		return Collections.unmodifiableList(all);
	}

}
