package io.github.bytezspring.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.BytezTemplateBuilder;
import io.github.bytezspring.client.concurrency.PermitStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Bytez client, bound from {@code bytez.*}; bad values fail startup
 * with Boot's report naming the property.
 */
@ConfigurationProperties("bytez")
public class BytezProperties implements Validator {

	/**
	 * Whether to auto-configure the Bytez client.
	 */
	private boolean enabled = true;

	/**
	 * Bytez API key, sent as the Authorization header. When unset, the BYTEZ_API_KEY
	 * environment variable is used.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the Bytez API.
	 */
	private String baseUrl = BytezTemplateBuilder.DEFAULT_BASE_URL;

	/**
	 * Default key for closed-source providers (OpenAI, Anthropic, Google, Mistral,
	 * Cohere), sent as the provider-key header when a call does not give its own.
	 * Optional: without one Bytez bills closed models in credits.
	 */
	private @Nullable String providerKey;

	/**
	 * Longest time to wait for a connection to Bytez.
	 */
	private Duration connectTimeout = BytezTemplateBuilder.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Deadline of each attempt's answer: a JSON call's whole answer (headers and body), a
	 * stream's response headers. Cold models can take minutes to start.
	 */
	private Duration responseTimeout = BytezTemplateBuilder.DEFAULT_RESPONSE_TIMEOUT;

	/**
	 * Longest gap between two chunks of a streamed answer (and between its headers and
	 * first chunk).
	 */
	private Duration streamIdleTimeout = BytezTemplateBuilder.DEFAULT_STREAM_IDLE_TIMEOUT;

	/**
	 * Largest JSON answer decoded into memory.
	 */
	private DataSize maxInMemorySize = BytezTemplateBuilder.DEFAULT_MAX_IN_MEMORY_SIZE;

	/**
	 * Largest media a call may send inline as base64 (counted decoded); larger input is
	 * rejected before any request instead of risking an out-of-memory.
	 */
	private DataSize maxInlineMediaSize = BytezTemplateBuilder.DEFAULT_MAX_INLINE_MEDIA_SIZE;

	/**
	 * Most requests to Bytez in flight at once; further calls wait in order without
	 * blocking a thread. 0 means no limit. Size it to your Bytez plan's concurrency.
	 */
	private int maxConcurrentRequests = BytezTemplateBuilder.DEFAULT_MAX_CONCURRENT_REQUESTS;

	/**
	 * Most calls waiting for a slot when max-concurrent-requests is reached; beyond it a
	 * call fails at once.
	 */
	private int maxPendingRequests = BytezTemplateBuilder.DEFAULT_MAX_PENDING_REQUESTS;

	/**
	 * Whether model calls let Bytez buy the credits needed to exceed the plan's
	 * concurrency instead of answering 429 ("autoScale": true, open models, up to the
	 * account's monthly cap); a call's BytezOptions.autoScale overrides it.
	 */
	private boolean autoScale = BytezTemplateBuilder.DEFAULT_AUTO_SCALE;

	/**
	 * Whether the concurrency limit follows the ratelimit-limit Bytez reports: one call
	 * at a time until the first answer, then the reported limit, following plan changes
	 * without a restart; max-concurrent-requests, when above 0, is then the ceiling (else
	 * 400).
	 */
	private boolean adaptiveConcurrency = BytezTemplateBuilder.DEFAULT_ADAPTIVE_CONCURRENCY;

	private final Retry retry = new Retry();

	private final Pool pool = new Pool();

	private final Concurrency concurrency = new Concurrency();

	private final Observations observations = new Observations();

	private final Budget budget = new Budget();

	private final WarmUp warmUp = new WarmUp();

	/**
	 * Self-hosted Bytez containers, by an alias of your choice: calls for an endpoint's
	 * model go to its url + /run, with the same body and without the API key.
	 */
	private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	/**
	 * Fallback chains, applied to the calls to a model that set no fallback models of
	 * their own: when bytez.fallbacks[n].model cannot answer (rate-limited or failing
	 * once its retries are spent, out of credits, past the call's timeout), the same call
	 * goes to each model of bytez.fallbacks[n].then in turn.
	 */
	private final List<Fallback> fallbacks = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getProviderKey() {
		return this.providerKey;
	}

	public void setProviderKey(@Nullable String providerKey) {
		this.providerKey = providerKey;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getStreamIdleTimeout() {
		return this.streamIdleTimeout;
	}

	public void setStreamIdleTimeout(Duration streamIdleTimeout) {
		this.streamIdleTimeout = streamIdleTimeout;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	public DataSize getMaxInlineMediaSize() {
		return this.maxInlineMediaSize;
	}

	public void setMaxInlineMediaSize(DataSize maxInlineMediaSize) {
		this.maxInlineMediaSize = maxInlineMediaSize;
	}

	public int getMaxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	public void setMaxConcurrentRequests(int maxConcurrentRequests) {
		this.maxConcurrentRequests = maxConcurrentRequests;
	}

	public int getMaxPendingRequests() {
		return this.maxPendingRequests;
	}

	public void setMaxPendingRequests(int maxPendingRequests) {
		this.maxPendingRequests = maxPendingRequests;
	}

	public boolean isAutoScale() {
		return this.autoScale;
	}

	public void setAutoScale(boolean autoScale) {
		this.autoScale = autoScale;
	}

	public boolean isAdaptiveConcurrency() {
		return this.adaptiveConcurrency;
	}

	public void setAdaptiveConcurrency(boolean adaptiveConcurrency) {
		this.adaptiveConcurrency = adaptiveConcurrency;
	}

	public Retry getRetry() {
		return this.retry;
	}

	@Override
	public boolean supports(Class<?> type) {
		return BytezProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		BytezPropertiesValidator.validate((BytezProperties) target, errors);
	}

	public Pool getPool() {
		return this.pool;
	}

	/**
	 * The client's own connection pool (Reactor Netty connector only).
	 */
	public static class Pool {

		/**
		 * Most connections to Bytez; each request or stream in flight holds one. Calls
		 * beyond it wait for a free connection (up to response-timeout).
		 */
		private int maxConnections = BytezConnectionPool.DEFAULT_MAX_CONNECTIONS;

		/**
		 * How long an unused connection is kept open.
		 */
		private Duration maxIdleTime = BytezConnectionPool.DEFAULT_MAX_IDLE_TIME;

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

	}

	public Observations getObservations() {
		return this.observations;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public WarmUp getWarmUp() {
		return this.warmUp;
	}

	/**
	 * The spend guard: a maximum estimated cost per period, after which calls fail before
	 * any request.
	 */
	public static class Budget {

		/**
		 * Maximum estimated cost of a period in US dollars (inference-time times the
		 * model's meterPrice, as the bytez.client.cost meter estimates it); once reached,
		 * calls that run a model fail with BytezBudgetExceededException before any
		 * request until the next period. Unset: no guard. Shared by every instance with
		 * bytez.concurrency.store=redis.
		 */
		private @Nullable BigDecimal maxCost;

		/**
		 * How long a budget period lasts; periods are aligned to the epoch (a day starts
		 * at midnight UTC).
		 */
		private Duration period = BytezTemplateBuilder.DEFAULT_BUDGET_PERIOD;

		public @Nullable BigDecimal getMaxCost() {
			return this.maxCost;
		}

		public void setMaxCost(@Nullable BigDecimal maxCost) {
			this.maxCost = maxCost;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

	/**
	 * Models called once at startup, in the background, so that their first real call
	 * finds them warm.
	 */
	public static class WarmUp {

		/**
		 * Models to call once when the application is ready, in the background (startup
		 * never waits): each gets the smallest input its task accepts; its state shows in
		 * /actuator/bytez and the bytez health details.
		 */
		private List<String> models = new ArrayList<>();

		/**
		 * Longest a warm-up call may take before its model is reported as failed; cold
		 * models can take minutes to start.
		 */
		private Duration timeout = BytezWarmUp.DEFAULT_TIMEOUT;

		public List<String> getModels() {
			return this.models;
		}

		public void setModels(List<String> models) {
			this.models = models;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	public Concurrency getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Where the permits of max-concurrent-requests come from: this instance alone, or a
	 * budget shared through Redis by every instance that uses the same Bytez key.
	 */
	public static class Concurrency {

		/**
		 * Where the permits come from: 'local' (this instance's own limit) or 'redis'
		 * (one budget of max-concurrent-requests shared by every instance using the same
		 * key or name; needs Redisson).
		 */
		private Store store = Store.LOCAL;

		/**
		 * Name of the shared budget (the Redis semaphore 'bytez:concurrency:NAME'); by
		 * default a SHA-256 hash of the API key, so that every instance using the key
		 * shares it.
		 */
		private @Nullable String name;

		/**
		 * What a call does when Redis cannot be reached, at startup or later: 'fail'
		 * (startup fails, calls fail with BytezPermitStoreException) or 'local' (go on
		 * under this instance's local limit alone).
		 */
		private PermitStoreFailureMode onStoreFailure = PermitStoreFailureMode.FAIL;

		/**
		 * How long a permit stays held without renewal; it is renewed while its call
		 * runs, and a crashed instance's permits come back within it.
		 */
		private Duration leaseTime = PermitStore.DEFAULT_LEASE_TIME;

		/**
		 * Bound on each Redis operation (a call's wait for a free permit aside).
		 */
		private Duration timeout = PermitStore.DEFAULT_OPERATION_TIMEOUT;

		private final Redis redis = new Redis();

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public PermitStoreFailureMode getOnStoreFailure() {
			return this.onStoreFailure;
		}

		public void setOnStoreFailure(PermitStoreFailureMode onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		public Duration getLeaseTime() {
			return this.leaseTime;
		}

		public void setLeaseTime(Duration leaseTime) {
			this.leaseTime = leaseTime;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Redis getRedis() {
			return this.redis;
		}

		/**
		 * Where the permits come from.
		 */
		public enum Store {

			/**
			 * This instance's own limit.
			 */
			LOCAL,

			/**
			 * A budget shared through Redis.
			 */
			REDIS

		}

		/**
		 * The Redis connection, when the application has no RedissonClient bean.
		 */
		public static class Redis {

			/**
			 * Redis URL, e.g. redis://127.0.0.1:6379 (rediss:// for TLS); used when the
			 * application has no RedissonClient bean.
			 */
			private @Nullable String url;

			public @Nullable String getUrl() {
				return this.url;
			}

			public void setUrl(@Nullable String url) {
				this.url = url;
			}

		}

	}

	public Map<String, Endpoint> getEndpoints() {
		return this.endpoints;
	}

	public List<Fallback> getFallbacks() {
		return this.fallbacks;
	}

	/**
	 * One fallback chain: a model, and the models that take its calls over, in order.
	 */
	public static class Fallback {

		/**
		 * The model whose calls fall back, e.g. meta-llama/Llama-3.1-8B-Instruct.
		 */
		private @Nullable String model;

		/**
		 * The models that take the calls over, in the order they are tried, e.g.
		 * Qwen/Qwen2.5-7B-Instruct,openai/gpt-4o-mini.
		 */
		private List<String> then = new ArrayList<>();

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public List<String> getThen() {
			return this.then;
		}

		public void setThen(List<String> then) {
			this.then = then;
		}

	}

	/**
	 * A self-hosted container serving one open model.
	 */
	public static class Endpoint {

		/**
		 * Base URL of the container, e.g. http://localhost:8002.
		 */
		private @Nullable String url;

		/**
		 * The model the container serves, e.g. openai-community/gpt2.
		 */
		private @Nullable String modelId;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getModelId() {
			return this.modelId;
		}

		public void setModelId(@Nullable String modelId) {
			this.modelId = modelId;
		}

	}

	/**
	 * Micrometer observations and meters of calls to Bytez.
	 */
	public static class Observations {

		/**
		 * Whether to record a bytez.client.requests observation per call and the
		 * bytez.client.* meters beside it.
		 */
		private boolean enabled = true;

		/**
		 * Whether observations and meters carry the model id as the bytez.model key; turn
		 * off when an application uses so many models that the tag's cardinality matters.
		 */
		private boolean includeModel = true;

		/**
		 * Most distinct bytez.model values the bytez.* meters carry; calls to further
		 * models are tagged bytez.model=_other, and one WARN says so.
		 */
		private int maxModelTags = BytezMeterFilter.DEFAULT_MAX_MODEL_TAGS;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeModel() {
			return this.includeModel;
		}

		public void setIncludeModel(boolean includeModel) {
			this.includeModel = includeModel;
		}

		public int getMaxModelTags() {
			return this.maxModelTags;
		}

		public void setMaxModelTags(int maxModelTags) {
			this.maxModelTags = maxModelTags;
		}

	}

	/**
	 * Retry of calls that Bytez rate-limited or that failed in ways safe to repeat.
	 */
	public static class Retry {

		/**
		 * Whether to retry failed calls at all.
		 */
		private boolean enabled = true;

		/**
		 * Most retries after the first attempt of a call.
		 */
		private int maxRetries = BytezRetryPolicy.DEFAULT_MAX_RETRIES;

		/**
		 * Backoff before the first retry.
		 */
		private Duration initialBackoff = BytezRetryPolicy.DEFAULT_INITIAL_BACKOFF;

		/**
		 * Factor each further backoff grows by.
		 */
		private double multiplier = BytezRetryPolicy.DEFAULT_MULTIPLIER;

		/**
		 * Longest backoff between two attempts.
		 */
		private Duration maxBackoff = BytezRetryPolicy.DEFAULT_MAX_BACKOFF;

		/**
		 * Random fraction of each backoff, from 0 (none) to 1; 0.5 waits between half and
		 * all of it.
		 */
		private double jitter = BytezRetryPolicy.DEFAULT_JITTER;

		/**
		 * Whether to wait as long as the server's Retry-After or retry-after-ms asks
		 * instead of the backoff.
		 */
		private boolean respectRetryAfter = BytezRetryPolicy.DEFAULT_RESPECT_RETRY_AFTER;

		/**
		 * Longest Retry-After honoured; when the server asks for longer, the call fails
		 * at once with a BytezRateLimitException that says how long.
		 */
		private Duration maxRetryAfter = BytezRetryPolicy.DEFAULT_MAX_RETRY_AFTER;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public boolean isRespectRetryAfter() {
			return this.respectRetryAfter;
		}

		public void setRespectRetryAfter(boolean respectRetryAfter) {
			this.respectRetryAfter = respectRetryAfter;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		BytezRetryPolicy toPolicy() {
			if (!this.enabled) {
				return BytezRetryPolicy.none();
			}
			return BytezRetryPolicy.builder()
				.maxRetries(this.maxRetries)
				.initialBackoff(this.initialBackoff)
				.multiplier(this.multiplier)
				.maxBackoff(this.maxBackoff)
				.jitter(this.jitter)
				.respectRetryAfter(this.respectRetryAfter)
				.maxRetryAfter(this.maxRetryAfter)
				.build();
		}

	}

}
