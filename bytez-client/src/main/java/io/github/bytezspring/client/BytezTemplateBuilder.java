package io.github.bytezspring.client;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.bytezspring.client.budget.SpendStore;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a {@link BytezTemplate}; only the API key is required. The settings are checked
 * once, by {@link #build()}, which names the option at fault.
 */
public final class BytezTemplateBuilder {

	/** The Bytez API's production address. */
	public static final String DEFAULT_BASE_URL = "https://api.bytez.com";

	/**
	 * How long opening a connection may take, for the connectors built for this client:
	 * 10s.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a JSON call's whole answer, or a stream's response headers, may take: 15
	 * minutes.
	 */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMinutes(15);

	/** The longest gap between two chunks of a stream: 2 minutes. */
	public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofMinutes(2);

	/** The largest JSON answer decoded into memory: 16MB. */
	public static final DataSize DEFAULT_MAX_IN_MEMORY_SIZE = DataSize.ofMegabytes(16);

	/** The most exchanges in flight at once: 0, no limit. */
	public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 0;

	/** The most calls waiting for a slot when the concurrency limit is reached: 1000. */
	public static final int DEFAULT_MAX_PENDING_REQUESTS = 1000;

	/**
	 * Whether the concurrency limit follows the limit Bytez reports unless set: {@value}.
	 */
	public static final boolean DEFAULT_ADAPTIVE_CONCURRENCY = false;

	/**
	 * The most calls in flight an adaptive limit allows when
	 * {@code maxConcurrentRequests} is 0: {@value}, Bytez's largest plan.
	 */
	public static final int DEFAULT_ADAPTIVE_CONCURRENCY_CEILING = 400;

	/**
	 * Whether model calls ask Bytez to auto-scale past the plan's concurrency unless set:
	 * {@value}.
	 */
	public static final boolean DEFAULT_AUTO_SCALE = false;

	/** How long a budget period lasts unless set: one day (from midnight UTC). */
	public static final Duration DEFAULT_BUDGET_PERIOD = Duration.ofDays(1);

	/**
	 * The largest media a call sends inline:
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 */
	public static final DataSize DEFAULT_MAX_INLINE_MEDIA_SIZE = BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE;

	WebClient.Builder webClientBuilder = WebClient.builder();

	// whether webClientBuilder is the template's own, whose connector the template picks
	boolean ownWebClientBuilder = true;

	@Nullable String apiKey;

	String baseUrl = DEFAULT_BASE_URL;

	@Nullable String providerKey;

	Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

	@Nullable Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;

	DataSize maxInMemorySize = DEFAULT_MAX_IN_MEMORY_SIZE;

	@Nullable ObjectMapper mapper;

	final List<Consumer<WebClient.Builder>> customizers = new ArrayList<>();

	BytezRetryPolicy retryPolicy = BytezRetryPolicy.defaults();

	BytezRetryListener retryListener = (event) -> {
	};

	BytezCallListener callListener = (event) -> {
	};

	boolean autoScale = DEFAULT_AUTO_SCALE;

	boolean adaptiveConcurrency = DEFAULT_ADAPTIVE_CONCURRENCY;

	int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;

	int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;

	@Nullable PermitStore permitStore;

	PermitStoreFailureMode permitStoreFailureMode = PermitStoreFailureMode.FAIL;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	@Nullable BytezObservationConvention observationConvention;

	@Nullable MeterRegistry meterRegistry;

	boolean includeModelInObservations = true;

	final Map<String, String> endpoints = new LinkedHashMap<>();

	final Map<String, List<String>> fallbacks = new LinkedHashMap<>();

	DataSize maxInlineMediaSize = DEFAULT_MAX_INLINE_MEDIA_SIZE;

	Function<String, String> settingNames = Function.identity();

	@Nullable BigDecimal budgetMaxCost;

	Duration budgetPeriod = DEFAULT_BUDGET_PERIOD;

	@Nullable SpendStore spendStore;

	// the clock of budget periods; tests move it
	Clock budgetClock = Clock.systemUTC();

	BytezTemplateBuilder() {
	}

	/**
	 * The Bytez API key, sent as the {@code Authorization} header: bare, or as given when
	 * it already carries a scheme such as {@code Key} or {@code Bearer}.
	 * @param apiKey the key
	 * @return this builder
	 */
	public BytezTemplateBuilder apiKey(String apiKey) {
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Where the Bytez API is; {@value #DEFAULT_BASE_URL} by default.
	 * @param baseUrl an absolute http or https URL
	 * @return this builder
	 */
	public BytezTemplateBuilder baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
		return this;
	}

	/**
	 * The default key for closed-source providers, used when a call's options give none.
	 * Optional: Bytez runs closed models without one and bills them in credits; a
	 * provider key bills them to your own provider account instead.
	 * @param providerKey the key, or {@code null} for none
	 * @return this builder
	 */
	public BytezTemplateBuilder providerKey(@Nullable String providerKey) {
		this.providerKey = providerKey;
		return this;
	}

	/**
	 * Send calls for one model to a self-hosted Bytez container instead: they go to
	 * {@code <url>/run} with the same body and without the API or provider key.
	 * @param modelId the model the container serves, e.g. {@code openai-community/gpt2}
	 * @param url the container's base URL, e.g. {@code http://localhost:8002}
	 * @return this builder
	 */
	public BytezTemplateBuilder endpoint(String modelId, String url) {
		this.endpoints.put(modelId, url);
		return this;
	}

	/**
	 * A fallback chain for the calls to one model that set none in their options: when
	 * the model cannot answer because of its own or the plan's state (rate-limited or
	 * failing once its retries are spent, out of credits, past the call's timeout), the
	 * same call goes to each of {@code fallbackModels} in turn; see
	 * {@code BytezOptions.Builder#fallbackModels}. A call's own fallback models replace
	 * the chain, and none turn it off for that call. Set again for the same model, the
	 * later chain wins.
	 * @param modelId the model the chain starts from, e.g.
	 * {@code meta-llama/Llama-3.1-8B-Instruct}
	 * @param fallbackModels the models to try after it, in order; at least one, none of
	 * them twice nor the model itself (checked by {@link #build()})
	 * @return this builder
	 */
	public BytezTemplateBuilder fallback(String modelId, String... fallbackModels) {
		this.fallbacks.put(modelId, (fallbackModels != null) ? Arrays.asList(fallbackModels) : null);
		return this;
	}

	/**
	 * The deadline of each attempt's answer: for a JSON call (run, lists, clusters,
	 * OpenAI-compatible calls that do not stream) the whole answer, headers and body; for
	 * a stream its response headers (its gaps are bounded by {@link #streamIdleTimeout}).
	 * An attempt past it fails with a {@code BytezTimeoutException}.
	 * {@link #DEFAULT_RESPONSE_TIMEOUT} by default: cold models can take minutes to
	 * start.
	 * @param responseTimeout a positive duration
	 * @return this builder
	 */
	public BytezTemplateBuilder responseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
		return this;
	}

	/**
	 * The longest gap allowed between two chunks of a stream (and between the response
	 * headers and the first chunk); {@link #DEFAULT_STREAM_IDLE_TIMEOUT} by default.
	 * @param streamIdleTimeout the gap, or {@code null} for no limit
	 * @return this builder
	 */
	public BytezTemplateBuilder streamIdleTimeout(@Nullable Duration streamIdleTimeout) {
		this.streamIdleTimeout = streamIdleTimeout;
		return this;
	}

	/**
	 * The largest JSON answer decoded into memory, overriding the {@code WebClient}'s
	 * codec limit; {@link #DEFAULT_MAX_IN_MEMORY_SIZE} by default.
	 * @param maxInMemorySize a positive size
	 * @return this builder
	 */
	public BytezTemplateBuilder maxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
		return this;
	}

	/**
	 * The largest media a call may send inline (base64 data URLs, counted decoded); a
	 * larger input is rejected before any request. {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE}
	 * by default.
	 * @param maxInlineMediaSize the bound
	 * @return this builder
	 */
	public BytezTemplateBuilder maxInlineMediaSize(DataSize maxInlineMediaSize) {
		this.maxInlineMediaSize = maxInlineMediaSize;
		return this;
	}

	/**
	 * When and how failed calls are tried again; {@link BytezRetryPolicy#defaults()}
	 * unless set.
	 * @param retryPolicy the policy, {@link BytezRetryPolicy#none()} to never retry
	 * @return this builder
	 */
	public BytezTemplateBuilder retryPolicy(BytezRetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
		return this;
	}

	/**
	 * A listener told about every retry, e.g. to count them.
	 * @param retryListener the listener
	 * @return this builder
	 */
	public BytezTemplateBuilder retryListener(BytezRetryListener retryListener) {
		this.retryListener = retryListener;
		return this;
	}

	/**
	 * Whether every model call lets Bytez buy the credits needed to exceed the plan's
	 * concurrency instead of answering 429 ({@code "autoScale": true}); a call's
	 * {@code BytezOptions} may say otherwise.
	 * @param autoScale whether to ask for auto-scaling, {@value #DEFAULT_AUTO_SCALE} by
	 * default
	 * @return this builder
	 */
	public BytezTemplateBuilder autoScale(boolean autoScale) {
		this.autoScale = autoScale;
		return this;
	}

	/**
	 * Let the concurrency limit follow the {@code ratelimit-limit} Bytez reports: one
	 * call at a time until the first answer, then the reported limit, changing as the
	 * plan changes (permits in use when it shrinks finish normally; calls beyond it wait,
	 * bounded by {@code maxPendingRequests}). A {@code maxConcurrentRequests} above 0 is
	 * then the ceiling, else {@value #DEFAULT_ADAPTIVE_CONCURRENCY_CEILING}.
	 * @param adaptiveConcurrency whether the limit adapts,
	 * {@value #DEFAULT_ADAPTIVE_CONCURRENCY} by default
	 * @return this builder
	 */
	public BytezTemplateBuilder adaptiveConcurrency(boolean adaptiveConcurrency) {
		this.adaptiveConcurrency = adaptiveConcurrency;
		return this;
	}

	/**
	 * A listener told about every answered attempt of every call (streams and
	 * OpenAI-compatible calls included), with the rate-limit and metering headers of the
	 * answer.
	 * @param callListener the listener
	 * @return this builder
	 */
	public BytezTemplateBuilder callListener(BytezCallListener callListener) {
		this.callListener = callListener;
		return this;
	}

	/**
	 * The most exchanges in flight at once; further calls wait, in order, without
	 * blocking a thread.
	 * @param maxConcurrentRequests the limit, 0 for none (the default)
	 * @return this builder
	 */
	public BytezTemplateBuilder maxConcurrentRequests(int maxConcurrentRequests) {
		this.maxConcurrentRequests = maxConcurrentRequests;
		return this;
	}

	/**
	 * The most calls waiting for a slot when {@link #maxConcurrentRequests} is reached;
	 * past it a call fails at once. {@link #DEFAULT_MAX_PENDING_REQUESTS} by default.
	 * @param maxPendingRequests the bound, 0 or more
	 * @return this builder
	 */
	public BytezTemplateBuilder maxPendingRequests(int maxPendingRequests) {
		this.maxPendingRequests = maxPendingRequests;
		return this;
	}

	/**
	 * Share the {@link #maxConcurrentRequests} budget with every instance that uses the
	 * same store (for example a
	 * {@link io.github.bytezspring.client.concurrency.RedisPermitStore} named after the
	 * API key): a call first takes its turn in this instance's queue, then a leased
	 * permit from the store, renewed while it runs. Needs {@link #maxConcurrentRequests};
	 * the store's own permit count is the budget.
	 * @param permitStore the store, or {@code null} for a limit local to this template
	 * (the default)
	 * @return this builder
	 */
	public BytezTemplateBuilder permitStore(@Nullable PermitStore permitStore) {
		this.permitStore = permitStore;
		return this;
	}

	/**
	 * What a call does when the {@link #permitStore} cannot be reached: fail with a
	 * {@link io.github.bytezspring.client.error.BytezPermitStoreException} ({@code FAIL},
	 * the default) or go on under the local limit alone ({@code LOCAL}).
	 * @param permitStoreFailureMode the mode
	 * @return this builder
	 */
	public BytezTemplateBuilder permitStoreFailureMode(PermitStoreFailureMode permitStoreFailureMode) {
		this.permitStoreFailureMode = permitStoreFailureMode;
		return this;
	}

	/**
	 * The spend guard's maximum estimated cost per {@link #budgetPeriod}, in US dollars:
	 * the estimated cost of every answered call (its {@code inference-time} times the
	 * model's {@code meterPrice}, as the {@code bytez.client.cost} meter estimates it) is
	 * added up, and once a period's spend reaches it, calls that run a model fail before
	 * any request with a
	 * {@link io.github.bytezspring.client.error.BytezBudgetExceededException} until the
	 * next period. Calls already running finish, so a period may end a little above it.
	 * @param budgetMaxCost 0 or more, or {@code null} for no guard (the default)
	 * @return this builder
	 */
	public BytezTemplateBuilder budgetMaxCost(@Nullable BigDecimal budgetMaxCost) {
		this.budgetMaxCost = budgetMaxCost;
		return this;
	}

	/**
	 * How long a budget period lasts; periods are aligned to the epoch (a day starts at
	 * midnight UTC), so instances sharing a {@link #spendStore} agree on them.
	 * {@link #DEFAULT_BUDGET_PERIOD} by default.
	 * @param budgetPeriod a positive duration of at least one millisecond
	 * @return this builder
	 */
	public BytezTemplateBuilder budgetPeriod(Duration budgetPeriod) {
		this.budgetPeriod = budgetPeriod;
		return this;
	}

	/**
	 * Share the spend of {@link #budgetMaxCost} with every instance that uses the same
	 * store (for example a {@link io.github.bytezspring.client.budget.RedisSpendStore});
	 * when the store does not answer, calls that run a model fail with a
	 * {@link io.github.bytezspring.client.error.BytezSpendStoreException}.
	 * @param spendStore the store, or {@code null} for a spend kept by this template
	 * alone (the default)
	 * @return this builder
	 */
	public BytezTemplateBuilder spendStore(@Nullable SpendStore spendStore) {
		this.spendStore = spendStore;
		return this;
	}

	/**
	 * Where to record one {@code bytez.client.requests} observation per call; none by
	 * default.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public BytezTemplateBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * A convention that replaces {@link DefaultBytezObservationConvention}'s names and
	 * keys.
	 * @param observationConvention the convention, or {@code null} for the default
	 * @return this builder
	 */
	public BytezTemplateBuilder observationConvention(@Nullable BytezObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Where to record the meters beside the observation (retries, stream first-chunk
	 * time, chunks and bytes, token usage); none by default.
	 * @param meterRegistry the registry, or {@code null} for none
	 * @return this builder
	 */
	public BytezTemplateBuilder meterRegistry(@Nullable MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		return this;
	}

	/**
	 * Whether observations and meters carry the model id as the {@code bytez.model} key;
	 * turn it off when an application runs so many models that the tag's cardinality
	 * matters.
	 * @param includeModel whether to include it; {@code true} by default
	 * @return this builder
	 */
	public BytezTemplateBuilder includeModelInObservations(boolean includeModel) {
		this.includeModelInObservations = includeModel;
		return this;
	}

	/**
	 * The {@link WebClient.Builder} to start from (it is cloned, never changed); e.g.
	 * Spring Boot's, so that its codecs, SSL and observations apply.
	 * @param webClientBuilder the builder
	 * @return this builder
	 */
	public BytezTemplateBuilder webClientBuilder(WebClient.Builder webClientBuilder) {
		this.webClientBuilder = webClientBuilder;
		this.ownWebClientBuilder = false;
		return this;
	}

	/**
	 * A last change to the {@link WebClient.Builder}, applied after this builder's own
	 * settings so it can override them; customizers run in the order they were added.
	 * @param customizer the change
	 * @return this builder
	 */
	public BytezTemplateBuilder webClientCustomizer(Consumer<WebClient.Builder> customizer) {
		this.customizers.add(customizer);
		return this;
	}

	/**
	 * The Jackson mapper that reads answers and {@link BytezResponse#outputAs}
	 * conversions; a plain one that ignores unknown properties by default.
	 * @param mapper the mapper
	 * @return this builder
	 */
	public BytezTemplateBuilder objectMapper(ObjectMapper mapper) {
		this.mapper = mapper;
		return this;
	}

	/**
	 * What this builder's options are called where the user sets them, for the messages
	 * that name a setting (e.g. "raise maxPendingRequests"); a framework that configures
	 * the client from its own properties maps each option name, e.g.
	 * {@code maxPendingRequests}, to its property.
	 * @param settingNames the mapping from option names; the option names themselves by
	 * default
	 * @return this builder
	 */
	public BytezTemplateBuilder settingNames(Function<String, String> settingNames) {
		this.settingNames = settingNames;
		return this;
	}

	/**
	 * Check the settings and build the template.
	 * @return the template
	 * @throws IllegalArgumentException when a setting is invalid, naming it
	 * @throws IllegalStateException when no API key was set
	 */
	public BytezTemplate build() {
		return new BytezTemplate(new TemplateSettings(this));
	}

}
