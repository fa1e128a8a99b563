package io.github.bytezspring.client;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bytezspring.client.budget.SpendStore;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.internal.FallbackChain;
import io.github.bytezspring.client.internal.InterimAnswers;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.internal.SettingNames;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.client.settings.BytezSetting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The settings of one template, checked once when {@link BytezTemplateBuilder#build()}
 * runs and immutable after.
 */
final class TemplateSettings {

	private static final Log logger = LogFactory.getLog(BytezTemplate.class);

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			TemplateSettings.class.getClassLoader());

	final WebClient.Builder webClientBuilder;

	final String apiKey;

	final String baseUrl;

	final @Nullable String providerKey;

	final Duration responseTimeout;

	final @Nullable Duration streamIdleTimeout;

	final DataSize maxInMemorySize;

	final ObjectMapper mapper;

	final List<Consumer<WebClient.Builder>> customizers;

	final BytezRetryPolicy retryPolicy;

	final BytezRetryListener retryListener;

	final BytezCallListener callListener;

	final boolean autoScale;

	final boolean adaptiveConcurrency;

	final int maxConcurrentRequests;

	final int maxPendingRequests;

	final @Nullable PermitStore permitStore;

	final PermitStoreFailureMode permitStoreFailureMode;

	final ObservationRegistry observationRegistry;

	final @Nullable BytezObservationConvention observationConvention;

	final @Nullable MeterRegistry meterRegistry;

	final boolean includeModelInObservations;

	final Map<String, String> endpoints;

	final Map<String, List<String>> fallbacks;

	final DataSize maxInlineMediaSize;

	final SettingNames names;

	final @Nullable BigDecimal budgetMaxCost;

	final Duration budgetPeriod;

	final @Nullable SpendStore spendStore;

	final Clock budgetClock;

	// every described option's checked value, for code that reads a setting by its
	// description
	private final Map<BytezSetting<?>, Object> values;

	TemplateSettings(BytezTemplateBuilder builder) {
		if (builder.apiKey == null) {
			throw new IllegalStateException("a Bytez API key is required: call apiKey(..)");
		}
		Assert.isTrue(!builder.apiKey.isBlank(), "apiKey must not be blank");
		this.names = SettingNames.of(notNull(builder.settingNames, "settingNames"));
		// every described option's rule, naming the option as the user calls it
		BytezSettings.check(builder, this.names::of);
		this.values = BytezSettings.values(builder);
		this.apiKey = builder.apiKey.trim();
		this.baseUrl = withoutTrailingSlash(builder.baseUrl);
		this.providerKey = (builder.providerKey == null || builder.providerKey.isBlank()) ? null
				: builder.providerKey.trim();
		this.responseTimeout = builder.responseTimeout;
		this.streamIdleTimeout = builder.streamIdleTimeout;
		this.maxInMemorySize = builder.maxInMemorySize;
		this.maxInlineMediaSize = builder.maxInlineMediaSize;
		this.maxConcurrentRequests = builder.maxConcurrentRequests;
		this.maxPendingRequests = builder.maxPendingRequests;
		Assert.isTrue(builder.permitStore == null || builder.maxConcurrentRequests > 0,
				"permitStore needs maxConcurrentRequests of 1 or more");
		this.permitStore = builder.permitStore;
		this.budgetMaxCost = builder.budgetMaxCost;
		this.budgetPeriod = builder.budgetPeriod;
		Assert.isTrue(builder.spendStore == null || builder.budgetMaxCost != null,
				() -> this.names.of("spendStore") + " needs " + this.names.of("budgetMaxCost"));
		this.spendStore = builder.spendStore;
		this.budgetClock = notNull(builder.budgetClock, "budgetClock");
		this.permitStoreFailureMode = builder.permitStoreFailureMode;
		this.webClientBuilder = notNull(builder.webClientBuilder, "webClientBuilder");
		if (builder.ownWebClientBuilder && REACTOR_NETTY_PRESENT) {
			// Spring's default connector (Reactor Netty, compressing), made to skip
			// interim answers
			this.webClientBuilder.clientConnector(InterimAnswers.connector());
		}
		this.retryPolicy = notNull(builder.retryPolicy, "retryPolicy");
		this.retryListener = notNull(builder.retryListener, "retryListener");
		this.callListener = notNull(builder.callListener, "callListener");
		this.autoScale = builder.autoScale;
		this.adaptiveConcurrency = builder.adaptiveConcurrency;
		this.observationRegistry = notNull(builder.observationRegistry, "observationRegistry");
		this.observationConvention = builder.observationConvention;
		this.meterRegistry = builder.meterRegistry;
		this.includeModelInObservations = builder.includeModelInObservations;
		this.mapper = (builder.mapper != null) ? builder.mapper
				: JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		builder.customizers.forEach((customizer) -> notNull(customizer, "webClientCustomizer"));
		this.customizers = List.copyOf(new ArrayList<>(builder.customizers));
		this.endpoints = endpoints(builder.endpoints);
		this.fallbacks = FallbackChain.validate(builder.fallbacks);
		if (!isSafeForKeys(this.baseUrl)) {
			logger.warn("The Bytez base URL " + this.baseUrl + " uses plain http to a host that is not loopback: "
					+ "the API key would cross the network unencrypted; use https");
		}
	}

	/**
	 * The checked value of a described option, e.g.
	 * {@code get(BytezSettings.MAX_PENDING_REQUESTS)}: how a new setting reaches the code
	 * that uses it, without a field of its own here.
	 */
	<T> @Nullable T get(BytezSetting<T> setting) {
		return setting.type().cast(this.values.get(setting));
	}

	/**
	 * The keys, and the bare part of a key given with a scheme, to scrub from messages.
	 */
	String[] secrets() {
		List<String> secrets = new ArrayList<>();
		secrets.add(this.apiKey);
		String[] parts = this.apiKey.split("\\s+");
		if (parts.length > 1) {
			secrets.add(parts[parts.length - 1]);
		}
		if (this.providerKey != null) {
			secrets.add(this.providerKey);
		}
		return secrets.toArray(String[]::new);
	}

	private static Map<String, String> endpoints(Map<String, String> endpoints) {
		Map<String, String> checked = new LinkedHashMap<>();
		endpoints.forEach((modelId, url) -> {
			ModelIds.validate(modelId);
			Assert.isTrue(url != null && (url.startsWith("http://") || url.startsWith("https://")),
					() -> "the endpoint URL of '" + modelId + "' must be an absolute http or https URL, not '" + url
							+ "'");
			checked.put(modelId, withoutTrailingSlash(url));
		});
		return Map.copyOf(checked);
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static <T> T notNull(T value, String name) {
		Assert.notNull(value, name + " must not be null");
		return value;
	}

	private static boolean isSafeForKeys(String baseUrl) {
		if (baseUrl.startsWith("https://")) {
			return true;
		}
		String host = URI.create(baseUrl).getHost();
		if (host == null) {
			return false;
		}
		host = host.toLowerCase(Locale.ROOT);
		return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
	}

}
