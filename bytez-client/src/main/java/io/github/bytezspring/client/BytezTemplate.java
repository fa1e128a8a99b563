package io.github.bytezspring.client;

import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.internal.BytezErrors;
import io.github.bytezspring.client.internal.BytezExchanges;
import io.github.bytezspring.client.internal.CallObservation;
import io.github.bytezspring.client.internal.ClientInstrumentation;
import io.github.bytezspring.client.internal.ConcurrencyLimiter;
import io.github.bytezspring.client.internal.DefaultBytezClusters;
import io.github.bytezspring.client.internal.DefaultBytezOpenAi;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.internal.Utf8ChunkDecoder;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.bytezspring.client.internal.BytezExchanges.Call;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The thread-safe, {@link WebClient}-based implementation of {@link BytezOperations}; create one with
 * {@link #builder()}, or let the Spring Boot starter configure it.
 * <p>
 * The template's own {@code WebClient} always has request-details logging off (Spring's
 * {@code enableLoggingRequestDetails}, which Spring Boot's {@code spring.http.codecs.log-request-details}
 * turns on): Spring's exchange logging at TRACE then shows the template's requests with their headers
 * masked, never the API key or a provider key. That holds whatever the {@code WebClient.Builder} it
 * starts from or a customizer sets; only a connector's own wire logging (Reactor Netty's
 * {@code wiretap}), which a user has to switch on explicitly, writes raw bytes.
 */
public class BytezTemplate implements BytezOperations {

	private static final Log logger = LogFactory.getLog(BytezTemplate.class);

	/** The Bytez API's production address. */
	public static final String DEFAULT_BASE_URL = "https://api.bytez.com";

	private static final Pattern TASK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final TypeReference<List<BytezModelInfo>> MODEL_LIST = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private final BytezExchanges exchanges;

	private final ObjectMapper mapper;

	private final String providerKey;

	private final Map<String, String> endpoints;

	private final DataSize maxInlineMediaSize;

	private final BytezClusters clusters;

	private final BytezOpenAi openAi;

	BytezTemplate(Builder builder) {
		this.mapper = (builder.mapper != null) ? builder.mapper : defaultMapper();
		this.providerKey = builder.providerKey;
		this.endpoints = Map.copyOf(builder.endpoints);
		this.maxInlineMediaSize = builder.maxInlineMediaSize;
		WebClient.Builder webClientBuilder = builder.webClientBuilder.clone()
			.baseUrl(builder.baseUrl)
			.defaultHeader(HttpHeaders.USER_AGENT, userAgent())
			.defaultHeader("lang", "java");
		if (builder.maxInMemorySize != null) {
			int limit = builder.maxInMemorySize;
			webClientBuilder.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(limit));
		}
		builder.customizers.forEach((customizer) -> customizer.accept(webClientBuilder));
		// last, so no customizer and no spring.http.codecs.log-request-details turns it back on: with it,
		// ExchangeFunctions would log the Authorization and provider-key headers at TRACE
		webClientBuilder.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false));
		ConcurrencyLimiter limiter = (builder.maxConcurrentRequests > 0)
				? new ConcurrencyLimiter(builder.maxConcurrentRequests, builder.maxPendingRequests) : null;
		ClientInstrumentation instrumentation = new ClientInstrumentation(builder.observationRegistry,
				builder.observationConvention, builder.meterRegistry, builder.includeModelInObservations);
		BytezErrors errors = new BytezErrors(this.mapper, Clock.systemUTC(),
				secretsOf(builder.apiKey, builder.providerKey));
		this.exchanges = new BytezExchanges(webClientBuilder.build(), builder.apiKey, builder.streamIdleTimeout,
				this.mapper, errors, builder.retryPolicy, builder.retryListener, limiter, instrumentation);
		this.clusters = new DefaultBytezClusters(this.exchanges);
		this.openAi = new DefaultBytezOpenAi(this.exchanges, this.providerKey);
	}

	/**
	 * Start building a template.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<BytezResponse> run(String modelId, BytezInput input) {
		return run(modelId, input, BytezOptions.defaults());
	}

	@Override
	public Mono<BytezResponse> run(String modelId, BytezInput input, BytezOptions options) {
		Call call = modelCall(BytezOperation.RUN, modelId, input, options, (body) -> {
		});
		return this.exchanges.json(call, (root) -> {
			requireOutput(call, root);
			JsonNode provider = root.get("provider");
			if (provider != null) {
				this.exchanges.instrumentation().recordTokenUsage(call.operation(), call.modelId(), provider.get("usage"));
			}
			return new BytezResponse(root.get("output"), provider, this.mapper);
		});
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input) {
		return stream(modelId, input, BytezOptions.defaults());
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input, BytezOptions options) {
		Call call = modelCall(BytezOperation.STREAM, modelId, input, options, (body) -> body.put("stream", true));
		return this.exchanges.stream(call, (response, observation) -> readText(call, response, observation));
	}

	@Override
	public Flux<DataBuffer> streamMedia(String modelId, BytezInput input, BytezOptions options) {
		Call call = mediaCall(modelId, input, options);
		return this.exchanges.stream(call, (response, observation) -> readMedia(call, response, observation));
	}

	@Override
	public Mono<BytezMedia> streamMediaTo(String modelId, BytezInput input, BytezOptions options, Path target) {
		if (target == null) {
			throw new IllegalArgumentException("target must not be null");
		}
		Call call = mediaCall(modelId, input, options);
		return Mono.defer(() -> {
			AtomicReference<MediaType> contentType = new AtomicReference<>(MediaType.APPLICATION_OCTET_STREAM);
			AtomicLong size = new AtomicLong();
			Flux<DataBuffer> media = this.exchanges.stream(call, (response, observation) -> {
				response.headers().contentType().ifPresent(contentType::set);
				return readMedia(call, response, observation);
			}).doOnNext((buffer) -> size.addAndGet(buffer.readableByteCount()));
			return DataBufferUtils.write(media, target)
				.then(Mono.fromSupplier(() -> new BytezMedia(contentType.get(), target, size.get())));
		});
	}

	@Override
	public Mono<List<BytezModelInfo>> listModels() {
		return listModels((uri) -> uri.path("/models/v2/list/models").build());
	}

	@Override
	public Mono<List<BytezModelInfo>> listModels(String task) {
		if (task == null || !TASK_NAME.matcher(task).matches()) {
			throw new IllegalArgumentException(
					"task must be a task name such as 'chat' or 'text-to-image' (lower-case letters, digits, '-'), not '"
							+ task + "'");
		}
		return listModels((uri) -> uri.path("/models/v2/list/models").queryParam("task", task).build());
	}

	@Override
	public Mono<BytezModelInfo> findModel(String modelId) {
		ModelIds.validate(modelId);
		return listModels((uri) -> uri.path("/models/v2/list/models").queryParam("modelId", modelId).build())
			.flatMap((models) -> Mono.justOrEmpty(
					models.stream().filter((model) -> modelId.equals(model.modelId())).findFirst()));
	}

	private Mono<List<BytezModelInfo>> listModels(Function<UriBuilder, URI> uri) {
		Call call = new Call(BytezOperation.LIST_MODELS, null, HttpMethod.GET, uri, null,
				this.exchanges.retryPolicy());
		return this.exchanges.json(call, (root) -> outputList(call, root, MODEL_LIST));
	}

	@Override
	public Mono<List<String>> listTasks() {
		Call call = new Call(BytezOperation.LIST_TASKS, null, HttpMethod.GET,
				(uri) -> uri.path("/models/v2/list/tasks").build(), null, this.exchanges.retryPolicy());
		return this.exchanges.json(call, (root) -> outputList(call, root, STRING_LIST));
	}

	@Override
	public BytezClusters clusters() {
		return this.clusters;
	}

	@Override
	public BytezOpenAi openAi() {
		return this.openAi;
	}

	private <T> List<T> outputList(Call call, JsonNode root, TypeReference<List<T>> type) {
		requireOutput(call, root);
		JsonNode output = root.get("output");
		if (!output.isArray()) {
			throw invalid(call, "whose output is not a list", root);
		}
		try {
			return List.copyOf(this.mapper.treeToValue(output, type));
		}
		catch (JacksonException | NullPointerException ex) {
			throw invalid(call, "whose output list cannot be read (" + ex.getMessage() + ")", root);
		}
	}

	private void requireOutput(Call call, JsonNode root) {
		if (!root.has("output")) {
			throw invalid(call, "without an 'output' field", root);
		}
	}

	private BytezInvalidResponseException invalid(Call call, String problem, JsonNode root) {
		return this.exchanges.errors().withSecrets(call.providerKey())
			.invalid(call.operation(), call.modelId(), HttpStatusCode.valueOf(200), problem,
					root.toString().getBytes(StandardCharsets.UTF_8));
	}

	private Call mediaCall(String modelId, BytezInput input, BytezOptions options) {
		return modelCall(BytezOperation.STREAM_MEDIA, modelId, input, options, (body) -> body.put("json", false));
	}

	private Call modelCall(BytezOperation operation, String modelId, BytezInput input, BytezOptions options,
			Consumer<ObjectNode> mode) {
		ModelIds.validate(modelId);
		if (input == null) {
			throw new IllegalArgumentException("input must not be null; use BytezInput.none() for models without input");
		}
		if (options == null) {
			throw new IllegalArgumentException("options must not be null; use BytezOptions.defaults()");
		}
		input.checkInlineMediaSize(this.maxInlineMediaSize);
		ObjectNode body = this.mapper.createObjectNode();
		input.writeTo(body);
		if (!options.params().isEmpty()) {
			body.set("params", this.mapper.valueToTree(options.params()));
		}
		mode.accept(body);
		BytezRetryPolicy retryPolicy = (options.maxRetries() != null)
				? this.exchanges.retryPolicy().withMaxRetries(options.maxRetries()) : this.exchanges.retryPolicy();
		byte[] json = this.mapper.writeValueAsBytes(body);
		String endpoint = this.endpoints.get(modelId);
		if (endpoint != null) {
			// a self-hosted container serves one model at <url>/run and takes no keys
			URI run = URI.create(endpoint + "/run");
			return new Call(operation, modelId, HttpMethod.POST, (uri) -> run, json, null, retryPolicy, false);
		}
		int slash = modelId.indexOf('/');
		String org = modelId.substring(0, slash);
		String name = modelId.substring(slash + 1);
		String callProviderKey = (options.providerKey() != null) ? options.providerKey() : this.providerKey;
		return new Call(operation, modelId, HttpMethod.POST,
				(uri) -> uri.path("/models/v2/{org}/{name}").build(org, name), json, callProviderKey, retryPolicy,
				true);
	}

	private Flux<String> readText(Call call, ClientResponse response, CallObservation observation) {
		if (BytezExchanges.isJson(response)) {
			// Bytez answered with a JSON envelope instead of a text stream, e.g. to report an error
			return this.exchanges.readBody(call, response)
				.flatMapMany((body) -> Mono.justOrEmpty(envelopeText(call, response.statusCode(), body)));
		}
		return Flux.defer(() -> {
			Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
			return response.bodyToFlux(DataBuffer.class).map((chunk) -> {
				try {
					observation.bytesReceived(chunk.readableByteCount());
					return decoder.decode(chunk);
				}
				finally {
					DataBufferUtils.release(chunk);
				}
			}).concatWith(Mono.fromCallable(decoder::finish));
		}).filter((text) -> !text.isEmpty());
	}

	private String envelopeText(Call call, HttpStatusCode status, byte[] body) {
		JsonNode root = this.exchanges.readJsonInsteadOfStream(call, status, body);
		JsonNode output = root.get("output");
		if (output == null || output.isNull()) {
			return null;
		}
		try {
			return new BytezResponse(output, null, this.mapper).outputText();
		}
		catch (IllegalStateException ex) {
			throw this.exchanges.errors()
				.withSecrets(call.providerKey())
				.invalid(call.operation(), call.modelId(), status, "whose output is not text", body);
		}
	}

	private Flux<DataBuffer> readMedia(Call call, ClientResponse response, CallObservation observation) {
		if (BytezExchanges.isJson(response)) {
			return this.exchanges.readBody(call, response).flatMapMany((body) -> {
				this.exchanges.readJsonInsteadOfStream(call, response.statusCode(), body);
				return Flux.error(this.exchanges.errors().withSecrets(call.providerKey())
					.invalid(call.operation(), call.modelId(), response.statusCode(),
							"in JSON where media bytes were expected", body));
			});
		}
		return response.bodyToFlux(DataBuffer.class)
			.doOnNext((buffer) -> observation.bytesReceived(buffer.readableByteCount()));
	}

	private static String[] secretsOf(String apiKey, String providerKey) {
		List<String> secrets = new ArrayList<>();
		secrets.add(apiKey);
		String[] parts = apiKey.split("\\s+");
		if (parts.length > 1) {
			secrets.add(parts[parts.length - 1]);
		}
		if (providerKey != null) {
			secrets.add(providerKey);
		}
		return secrets.toArray(String[]::new);
	}

	private static ObjectMapper defaultMapper() {
		return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	static String userAgent() {
		return "bytez-spring-boot/" + version();
	}

	private static String version() {
		try (InputStream in = BytezTemplate.class.getResourceAsStream("bytez-client.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "BytezTemplate{apiKey=******}";
	}

	/**
	 * Builds a {@link BytezTemplate}; only the API key is required.
	 */
	public static final class Builder {

		private WebClient.Builder webClientBuilder = WebClient.builder();

		private String apiKey;

		private String baseUrl = DEFAULT_BASE_URL;

		private String providerKey;

		private Duration streamIdleTimeout = Duration.ofMinutes(2);

		private Integer maxInMemorySize;

		private ObjectMapper mapper;

		private final List<Consumer<WebClient.Builder>> customizers = new ArrayList<>();

		private BytezRetryPolicy retryPolicy = BytezRetryPolicy.defaults();

		private BytezRetryListener retryListener = (event) -> {
		};

		private int maxConcurrentRequests;

		private int maxPendingRequests = 1000;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private BytezObservationConvention observationConvention;

		private MeterRegistry meterRegistry;

		private boolean includeModelInObservations = true;

		private final Map<String, String> endpoints = new LinkedHashMap<>();

		private DataSize maxInlineMediaSize = BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE;

		private Builder() {
		}

		/**
		 * The largest media a call may send inline (base64 data URLs, counted decoded); a larger input
		 * is rejected before any request. 20MB by default.
		 * @param maxInlineMediaSize the bound
		 * @return this builder
		 */
		public Builder maxInlineMediaSize(DataSize maxInlineMediaSize) {
			if (maxInlineMediaSize == null || maxInlineMediaSize.isNegative()) {
				throw new IllegalArgumentException("maxInlineMediaSize must not be null or negative");
			}
			this.maxInlineMediaSize = maxInlineMediaSize;
			return this;
		}

		/**
		 * Send calls for one model to a self-hosted Bytez container instead: they go to
		 * {@code <url>/run} with the same body and without the API or provider key.
		 * @param modelId the model the container serves, e.g. {@code openai-community/gpt2}
		 * @param url the container's base URL, e.g. {@code http://localhost:8002}
		 * @return this builder
		 */
		public Builder endpoint(String modelId, String url) {
			ModelIds.validate(modelId);
			if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
				throw new IllegalArgumentException("the endpoint URL of '" + modelId
						+ "' must be an absolute http or https URL, not '" + url + "'");
			}
			this.endpoints.put(modelId, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
			return this;
		}

		/**
		 * Where to record one {@code bytez.client.requests} observation per call; none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
			return this;
		}

		/**
		 * A convention that replaces {@link DefaultBytezObservationConvention}'s names and keys.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(BytezObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Where to record the meters beside the observation (retries, stream first-chunk time, chunks
		 * and bytes, token usage); none by default.
		 * @param meterRegistry the registry, or {@code null} for none
		 * @return this builder
		 */
		public Builder meterRegistry(MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Whether observations and meters carry the model id as the {@code bytez.model} key; turn it off
		 * when an application runs so many models that the tag's cardinality matters.
		 * @param includeModel whether to include it; {@code true} by default
		 * @return this builder
		 */
		public Builder includeModelInObservations(boolean includeModel) {
			this.includeModelInObservations = includeModel;
			return this;
		}

		/**
		 * When and how failed calls are tried again; {@link BytezRetryPolicy#defaults()} unless set.
		 * @param retryPolicy the policy, {@link BytezRetryPolicy#none()} to never retry
		 * @return this builder
		 */
		public Builder retryPolicy(BytezRetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * A listener told about every retry, e.g. to count them.
		 * @param retryListener the listener
		 * @return this builder
		 */
		public Builder retryListener(BytezRetryListener retryListener) {
			this.retryListener = Objects.requireNonNull(retryListener, "retryListener must not be null");
			return this;
		}

		/**
		 * The most exchanges in flight at once; further calls wait, in order, without blocking a thread.
		 * @param maxConcurrentRequests the limit, 0 for none
		 * @return this builder
		 */
		public Builder maxConcurrentRequests(int maxConcurrentRequests) {
			if (maxConcurrentRequests < 0) {
				throw new IllegalArgumentException("maxConcurrentRequests must not be negative");
			}
			this.maxConcurrentRequests = maxConcurrentRequests;
			return this;
		}

		/**
		 * The most calls waiting for a slot when {@link #maxConcurrentRequests} is reached; past it a
		 * call fails at once.
		 * @param maxPendingRequests the bound, 0 or more
		 * @return this builder
		 */
		public Builder maxPendingRequests(int maxPendingRequests) {
			if (maxPendingRequests < 0) {
				throw new IllegalArgumentException("maxPendingRequests must not be negative");
			}
			this.maxPendingRequests = maxPendingRequests;
			return this;
		}

		/**
		 * The {@link WebClient.Builder} to start from (it is cloned, never changed); e.g. Spring Boot's,
		 * so that its codecs, SSL and observations apply.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder must not be null");
			return this;
		}

		/**
		 * The Bytez API key, sent as the {@code Authorization} header: bare, or as given when it
		 * already carries a scheme such as {@code Key} or {@code Bearer}.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey == null || apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKey = apiKey.trim();
			return this;
		}

		/**
		 * Where the Bytez API is; {@value BytezTemplate#DEFAULT_BASE_URL} by default.
		 * @param baseUrl an absolute http or https URL
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
				throw new IllegalArgumentException("baseUrl must be an absolute http or https URL, not '" + baseUrl + "'");
			}
			this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
			return this;
		}

		/**
		 * The default key for closed-source providers, used when a call's options give none.
		 * @param providerKey the key, or {@code null} for none
		 * @return this builder
		 */
		public Builder providerKey(String providerKey) {
			this.providerKey = (providerKey == null || providerKey.isBlank()) ? null : providerKey.trim();
			return this;
		}

		/**
		 * The longest gap allowed between two chunks of a stream (and between the response headers
		 * and the first chunk); two minutes by default.
		 * @param streamIdleTimeout the gap, or {@code null} for no limit
		 * @return this builder
		 */
		public Builder streamIdleTimeout(Duration streamIdleTimeout) {
			if (streamIdleTimeout != null && (streamIdleTimeout.isNegative() || streamIdleTimeout.isZero())) {
				throw new IllegalArgumentException("streamIdleTimeout must be positive");
			}
			this.streamIdleTimeout = streamIdleTimeout;
			return this;
		}

		/**
		 * The largest JSON answer decoded into memory, overriding the {@code WebClient}'s codec limit.
		 * @param bytes a positive size in bytes
		 * @return this builder
		 */
		public Builder maxInMemorySize(int bytes) {
			if (bytes <= 0) {
				throw new IllegalArgumentException("maxInMemorySize must be positive");
			}
			this.maxInMemorySize = bytes;
			return this;
		}

		/**
		 * The Jackson mapper that reads answers and {@link BytezResponse#outputAs} conversions; a plain
		 * one that ignores unknown properties by default.
		 * @param mapper the mapper
		 * @return this builder
		 */
		public Builder objectMapper(ObjectMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
			return this;
		}

		/**
		 * A last change to the {@link WebClient.Builder}, applied after this builder's own settings so
		 * it can override them; customizers run in the order they were added.
		 * @param customizer the change
		 * @return this builder
		 */
		public Builder webClientCustomizer(Consumer<WebClient.Builder> customizer) {
			this.customizers.add(Objects.requireNonNull(customizer, "customizer must not be null"));
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 * @throws IllegalStateException when no API key was set
		 */
		public BytezTemplate build() {
			if (this.apiKey == null) {
				throw new IllegalStateException("a Bytez API key is required: call apiKey(..)");
			}
			if (!isSafeForKeys(this.baseUrl)) {
				logger.warn("The Bytez base URL " + this.baseUrl + " uses plain http to a host that is not loopback: "
						+ "the API key would cross the network unencrypted; use https");
			}
			return new BytezTemplate(this);
		}

		private static boolean isSafeForKeys(String baseUrl) {
			if (baseUrl.startsWith("https://")) {
				return true;
			}
			String host = URI.create(baseUrl).getHost();
			if (host == null) {
				return false;
			}
			host = host.toLowerCase(java.util.Locale.ROOT);
			return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
		}

	}

}
