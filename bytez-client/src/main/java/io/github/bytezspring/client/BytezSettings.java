package io.github.bytezspring.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.retry.BytezRetrySettings;
import io.github.bytezspring.client.settings.BytezSetting;
import io.github.bytezspring.client.settings.SettingRule;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Every setting of the client, each described once ({@link BytezSetting}: builder option,
 * {@code bytez.*} property, default, rule): {@link BytezTemplateBuilder#build()} checks
 * the options with these rules, and Spring Boot's auto-configuration validates, maps and
 * reports its properties with them. A new builder option is one constant here and one
 * line in the list of options (see CONTRIBUTING.md).
 */
public final class BytezSettings {

	/** The API key. */
	public static final BytezSetting<String> API_KEY = BytezSetting
		.of("apiKey", "api-key", String.class, null, SettingRule.headerSafeKey())
		.asSecret();

	/** The default key for closed-source providers. */
	public static final BytezSetting<String> PROVIDER_KEY = BytezSetting
		.of("providerKey", "provider-key", String.class, null, SettingRule.headerSafeKey())
		.asSecret();

	/** Where the Bytez API is. */
	public static final BytezSetting<String> BASE_URL = BytezSetting.of("baseUrl", "base-url", String.class,
			BytezTemplateBuilder.DEFAULT_BASE_URL, SettingRule.httpUrl());

	/**
	 * How long opening a connection may take (applied by the connector a framework
	 * builds).
	 */
	public static final BytezSetting<Duration> CONNECT_TIMEOUT = BytezSetting.property("connect-timeout",
			Duration.class, BytezTemplateBuilder.DEFAULT_CONNECT_TIMEOUT, SettingRule.positiveDuration());

	/** The deadline of each attempt's answer. */
	public static final BytezSetting<Duration> RESPONSE_TIMEOUT = BytezSetting.of("responseTimeout", "response-timeout",
			Duration.class, BytezTemplateBuilder.DEFAULT_RESPONSE_TIMEOUT, SettingRule.positiveDuration());

	/** The longest gap between two chunks of a stream. */
	public static final BytezSetting<Duration> STREAM_IDLE_TIMEOUT = BytezSetting.of("streamIdleTimeout",
			"stream-idle-timeout", Duration.class, BytezTemplateBuilder.DEFAULT_STREAM_IDLE_TIMEOUT,
			SettingRule.positiveDurationOrNone());

	/** The largest JSON answer decoded into memory. */
	public static final BytezSetting<DataSize> MAX_IN_MEMORY_SIZE = BytezSetting.of("maxInMemorySize",
			"max-in-memory-size", DataSize.class, BytezTemplateBuilder.DEFAULT_MAX_IN_MEMORY_SIZE,
			SettingRule.inMemorySize());

	/** The largest media a call sends inline. */
	public static final BytezSetting<DataSize> MAX_INLINE_MEDIA_SIZE = BytezSetting.of("maxInlineMediaSize",
			"max-inline-media-size", DataSize.class, BytezTemplateBuilder.DEFAULT_MAX_INLINE_MEDIA_SIZE,
			SettingRule.notNegativeSize());

	/** The most exchanges in flight at once. */
	public static final BytezSetting<Integer> MAX_CONCURRENT_REQUESTS = BytezSetting.of("maxConcurrentRequests",
			"max-concurrent-requests", Integer.class, BytezTemplateBuilder.DEFAULT_MAX_CONCURRENT_REQUESTS,
			SettingRule.notNegative());

	/** The most calls waiting for a slot. */
	public static final BytezSetting<Integer> MAX_PENDING_REQUESTS = BytezSetting.of("maxPendingRequests",
			"max-pending-requests", Integer.class, BytezTemplateBuilder.DEFAULT_MAX_PENDING_REQUESTS,
			SettingRule.notNegative());

	/** Whether model calls ask Bytez to auto-scale. */
	public static final BytezSetting<Boolean> AUTO_SCALE = BytezSetting.of("autoScale", "auto-scale", Boolean.class,
			BytezTemplateBuilder.DEFAULT_AUTO_SCALE, SettingRule.any());

	/** Whether the concurrency limit follows the limit Bytez reports. */
	public static final BytezSetting<Boolean> ADAPTIVE_CONCURRENCY = BytezSetting.of("adaptiveConcurrency",
			"adaptive-concurrency", Boolean.class, BytezTemplateBuilder.DEFAULT_ADAPTIVE_CONCURRENCY,
			SettingRule.any());

	/** Whether observations and meters carry the model id. */
	public static final BytezSetting<Boolean> INCLUDE_MODEL = BytezSetting.of("includeModelInObservations",
			"observations.include-model", Boolean.class, true, SettingRule.any());

	/** What a call does when the shared permit store cannot be reached. */
	public static final BytezSetting<PermitStoreFailureMode> PERMIT_STORE_FAILURE_MODE = BytezSetting.of(
			"permitStoreFailureMode", "concurrency.on-store-failure", PermitStoreFailureMode.class,
			PermitStoreFailureMode.FAIL, SettingRule.notNull());

	/** The most estimated spend per budget period, in US dollars. */
	public static final BytezSetting<BigDecimal> BUDGET_MAX_COST = BytezSetting.of("budgetMaxCost", "budget.max-cost",
			BigDecimal.class, null, SettingRule.notNegativeAmountOrNone());

	/** The period the spend guard counts over. */
	public static final BytezSetting<Duration> BUDGET_PERIOD = BytezSetting.of("budgetPeriod", "budget.period",
			Duration.class, BytezTemplateBuilder.DEFAULT_BUDGET_PERIOD, SettingRule.positiveMillis());

	/**
	 * The builder options, with how the builder holds each: read to check it, written
	 * when a framework maps its own properties onto the builder. The key, the base URL
	 * and the permit store come from elsewhere (connection details, a Redis budget), so
	 * they are checked here but not written.
	 */
	private static final List<Option<?>> OPTIONS = List.of(Option.checked(API_KEY, (builder) -> builder.apiKey),
			Option.checked(PROVIDER_KEY, (builder) -> builder.providerKey),
			Option.checked(BASE_URL, (builder) -> builder.baseUrl),
			Option.mapped(RESPONSE_TIMEOUT, (builder) -> builder.responseTimeout,
					BytezTemplateBuilder::responseTimeout),
			Option.mapped(STREAM_IDLE_TIMEOUT, (builder) -> builder.streamIdleTimeout,
					BytezTemplateBuilder::streamIdleTimeout),
			Option.mapped(MAX_IN_MEMORY_SIZE, (builder) -> builder.maxInMemorySize,
					BytezTemplateBuilder::maxInMemorySize),
			Option.mapped(MAX_INLINE_MEDIA_SIZE, (builder) -> builder.maxInlineMediaSize,
					BytezTemplateBuilder::maxInlineMediaSize),
			Option.mapped(MAX_CONCURRENT_REQUESTS, (builder) -> builder.maxConcurrentRequests,
					BytezTemplateBuilder::maxConcurrentRequests),
			Option.mapped(MAX_PENDING_REQUESTS, (builder) -> builder.maxPendingRequests,
					BytezTemplateBuilder::maxPendingRequests),
			Option.mapped(AUTO_SCALE, (builder) -> builder.autoScale, BytezTemplateBuilder::autoScale),
			Option.mapped(ADAPTIVE_CONCURRENCY, (builder) -> builder.adaptiveConcurrency,
					BytezTemplateBuilder::adaptiveConcurrency),
			Option.mapped(INCLUDE_MODEL, (builder) -> builder.includeModelInObservations,
					BytezTemplateBuilder::includeModelInObservations),
			Option.checked(PERMIT_STORE_FAILURE_MODE, (builder) -> builder.permitStoreFailureMode),
			Option.mapped(BUDGET_MAX_COST, (builder) -> builder.budgetMaxCost, BytezTemplateBuilder::budgetMaxCost),
			Option.mapped(BUDGET_PERIOD, (builder) -> builder.budgetPeriod, BytezTemplateBuilder::budgetPeriod));

	private static final List<BytezSetting<?>> ALL = all(OPTIONS);

	private BytezSettings() {
	}

	/**
	 * Every setting the client describes: its builder's, its retry policy's
	 * ({@link BytezRetrySettings}), and the connect timeout a framework's connector
	 * applies.
	 * @return the settings
	 */
	public static List<BytezSetting<?>> all() {
		return ALL;
	}

	/**
	 * The setting of a builder option.
	 * @param option the option, e.g. {@code maxPendingRequests} or {@code maxRetries}
	 * @return the setting, if the client describes one by that name
	 */
	public static Optional<BytezSetting<?>> ofOption(String option) {
		return ALL.stream().filter((setting) -> option.equals(setting.option())).findFirst();
	}

	/**
	 * Set every option a framework maps from its own configuration, skipping those it has
	 * no value for.
	 * @param builder the builder to set
	 * @param values the value of each setting, or {@code null} for none
	 */
	public static void applyTo(BytezTemplateBuilder builder, Function<BytezSetting<?>, @Nullable Object> values) {
		OPTIONS.forEach((option) -> option.applyTo(builder, values));
	}

	/**
	 * The settings {@link #applyTo} sets.
	 * @return the settings
	 */
	public static List<BytezSetting<?>> mapped() {
		return OPTIONS.stream()
			.filter((option) -> option.write() != null)
			.<BytezSetting<?>>map(Option::setting)
			.toList();
	}

	/** Check every option of a builder, naming the one at fault as the user calls it. */
	static void check(BytezTemplateBuilder builder, Function<String, String> naming) {
		OPTIONS.forEach((option) -> option.check(builder, naming));
	}

	/**
	 * The value of every option of a builder but the keys (kept in one place only), by
	 * its setting.
	 */
	static Map<BytezSetting<?>, Object> values(BytezTemplateBuilder builder) {
		Map<BytezSetting<?>, Object> values = new HashMap<>();
		OPTIONS.forEach((option) -> {
			Object value = option.read().apply(builder);
			if (value != null && !option.setting().secret()) {
				values.put(option.setting(), value);
			}
		});
		return values;
	}

	private static List<BytezSetting<?>> all(List<Option<?>> options) {
		List<BytezSetting<?>> all = new ArrayList<>();
		options.forEach((option) -> all.add(option.setting()));
		all.add(CONNECT_TIMEOUT);
		all.addAll(BytezRetrySettings.all());
		return Collections.unmodifiableList(all);
	}

	/**
	 * A builder option: its setting, how the builder holds it, and how it is set (when a
	 * framework maps it from its own properties).
	 */
	private record Option<T>(BytezSetting<T> setting, Function<BytezTemplateBuilder, @Nullable T> read,
			@Nullable BiConsumer<BytezTemplateBuilder, T> write) {

		static <T> Option<T> checked(BytezSetting<T> setting, Function<BytezTemplateBuilder, @Nullable T> read) {
			return new Option<>(setting, read, null);
		}

		static <T> Option<T> mapped(BytezSetting<T> setting, Function<BytezTemplateBuilder, @Nullable T> read,
				BiConsumer<BytezTemplateBuilder, T> write) {
			return new Option<>(setting, read, write);
		}

		void check(BytezTemplateBuilder builder, Function<String, String> naming) {
			this.setting.check(this.read.apply(builder), naming);
		}

		void applyTo(BytezTemplateBuilder builder, Function<BytezSetting<?>, @Nullable Object> values) {
			if (this.write == null) {
				return;
			}
			Object value = values.apply(this.setting);
			if (value != null) {
				this.write.accept(builder, this.setting.type().cast(value));
			}
		}

	}

}
