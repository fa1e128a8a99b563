package io.github.bytezspring.client;

import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.internal.AdaptiveLimit;
import io.github.bytezspring.client.internal.BytezErrors;
import io.github.bytezspring.client.internal.BytezRequest;
import io.github.bytezspring.client.internal.CallPipeline;
import io.github.bytezspring.client.internal.CallRecorder;
import io.github.bytezspring.client.internal.ConcurrencyLimiter;
import io.github.bytezspring.client.internal.DefaultBytezClusters;
import io.github.bytezspring.client.internal.DefaultBytezOpenAi;
import io.github.bytezspring.client.internal.FallbackChain;
import io.github.bytezspring.client.internal.FallbackMeter;
import io.github.bytezspring.client.internal.LocalSpendStore;
import io.github.bytezspring.client.internal.MediaDownload;
import io.github.bytezspring.client.internal.MediaStreamReader;
import io.github.bytezspring.client.internal.ModelAnswers;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.internal.ModelRequests;
import io.github.bytezspring.client.internal.PipelineSettings;
import io.github.bytezspring.client.internal.PriceCatalogue;
import io.github.bytezspring.client.internal.ResponseBodies;
import io.github.bytezspring.client.internal.Route;
import io.github.bytezspring.client.internal.SharedPermits;
import io.github.bytezspring.client.internal.SpendGuard;
import io.github.bytezspring.client.internal.TextStreamReader;
import io.github.bytezspring.client.internal.UserAgent;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.openai.BytezOpenAi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The thread-safe, {@link WebClient}-based implementation of {@link BytezOperations};
 * create one with {@link #builder()}, or let the Spring Boot starter configure it.
 * <p>
 * The template's own {@code WebClient} always has request-details logging off (Spring's
 * {@code enableLoggingRequestDetails}, which Spring Boot's
 * {@code spring.http.codecs.log-request-details} turns on): Spring's exchange logging at
 * TRACE then shows the template's requests with their headers masked, never the API key
 * or a provider key. That holds whatever the {@code WebClient.Builder} it starts from or
 * a customizer sets; only a connector's own wire logging (Reactor Netty's
 * {@code wiretap}), which a user has to switch on explicitly, writes raw bytes.
 */
public class BytezTemplate implements BytezOperations {

	private static final Pattern TASK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final TypeReference<List<BytezModelInfo>> MODEL_LIST = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private final CallPipeline pipeline;

	private final @Nullable ConcurrencyLimiter limiter;

	private final @Nullable AdaptiveLimit adaptiveLimit;

	private final @Nullable SharedPermits shared;

	private final CallRecorder recorder;

	private final PriceCatalogue prices;

	private final @Nullable SpendGuard spendGuard;

	private final ModelRequests requests;

	private final FallbackChain fallbacks;

	private final ModelAnswers answers;

	private final TextStreamReader text;

	private final MediaStreamReader media;

	private final MediaDownload download;

	private final BytezClusters clusters;

	private final BytezOpenAi openAi;

	BytezTemplate(TemplateSettings settings) {
		ResponseBodies bodies = new ResponseBodies(
				new BytezErrors(settings.mapper, Clock.systemUTC(), settings.names, settings.secrets()), settings.names,
				Math.toIntExact(settings.maxInMemorySize.toBytes()));
		SharedPermits shared = (settings.permitStore != null) ? new SharedPermits(settings.permitStore,
				settings.permitStoreFailureMode, settings.names, settings.meterRegistry) : null;
		int ceiling = (settings.maxConcurrentRequests > 0) ? settings.maxConcurrentRequests
				: BytezTemplateBuilder.DEFAULT_ADAPTIVE_CONCURRENCY_CEILING;
		ConcurrencyLimiter limiter = settings.adaptiveConcurrency
				? new ConcurrencyLimiter(Math.min(AdaptiveLimit.INITIAL_CAPACITY, ceiling), settings.maxPendingRequests,
						settings.names, shared)
				: (settings.maxConcurrentRequests > 0) ? new ConcurrencyLimiter(settings.maxConcurrentRequests,
						settings.maxPendingRequests, settings.names, shared) : null;
		this.adaptiveLimit = settings.adaptiveConcurrency ? new AdaptiveLimit(Objects.requireNonNull(limiter), ceiling)
				: null;
		this.shared = shared;
		this.limiter = limiter;
		this.spendGuard = (settings.budgetMaxCost != null) ? new SpendGuard(settings.budgetMaxCost,
				settings.budgetPeriod, (settings.spendStore != null) ? settings.spendStore : new LocalSpendStore(),
				settings.budgetClock, settings.names, settings.meterRegistry) : null;
		PipelineSettings pipelineSettings = new PipelineSettings(settings.apiKey, settings.responseTimeout,
				settings.streamIdleTimeout, settings.retryPolicy, settings.retryListener, settings.callListener,
				settings.names);
		WebClient.Builder webClient = webClient(settings);
		// the price look-ups are the client's own, not the user's: no observation (Boot's
		// http.client.requests included), no meter, no permit, no retry
		this.prices = new PriceCatalogue(webClient.clone().observationRegistry(ObservationRegistry.NOOP).build(),
				settings.apiKey, settings.responseTimeout, settings.mapper);
		// the spend guard adds up each answered attempt's estimated cost, as the cost
		// meter does
		BytezCallListener callListener = (this.spendGuard != null)
				? this.spendGuard.listener(settings.callListener, this.prices::estimateCost) : settings.callListener;
		this.recorder = new CallRecorder(settings.observationRegistry, settings.observationConvention,
				settings.meterRegistry, settings.includeModelInObservations, callListener, this.adaptiveLimit,
				this.prices);
		this.pipeline = new CallPipeline(webClient.build(), pipelineSettings, bodies, limiter, this.recorder,
				this.spendGuard);
		this.requests = new ModelRequests(settings.mapper, settings.endpoints, settings.providerKey,
				settings.retryPolicy, settings.maxInlineMediaSize, settings.names, settings.autoScale);
		this.fallbacks = new FallbackChain(settings.fallbacks, new FallbackMeter(settings.meterRegistry,
				settings.observationConvention, settings.includeModelInObservations, this.recorder));
		this.answers = new ModelAnswers(settings.mapper, bodies);
		this.text = new TextStreamReader(bodies, settings.mapper);
		this.media = new MediaStreamReader(bodies);
		this.download = new MediaDownload(this.pipeline, bodies);
		this.clusters = new DefaultBytezClusters(this.pipeline, settings.mapper, bodies);
		this.openAi = new DefaultBytezOpenAi(this.pipeline, settings.mapper, bodies, settings.providerKey);
	}

	private static WebClient.Builder webClient(TemplateSettings settings) {
		int maxInMemorySize = Math.toIntExact(settings.maxInMemorySize.toBytes());
		WebClient.Builder builder = settings.webClientBuilder.clone()
			.baseUrl(settings.baseUrl)
			.defaultHeader(HttpHeaders.USER_AGENT, UserAgent.value())
			.defaultHeader("lang", "java")
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize));
		settings.customizers.forEach((customizer) -> customizer.accept(builder));
		// last, so that no customizer and no spring.http.codecs.log-request-details turns
		// it back on: with
		// it, Spring's ExchangeFunctions would log the Authorization and provider-key
		// headers at TRACE
		builder.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false));
		return builder;
	}

	/**
	 * A snapshot of this template's concurrency limit, calls in flight and waiting, the
	 * latest rate-limit headers, retries and estimated cost so far.
	 * @return the status
	 */
	public BytezClientStatus status() {
		ConcurrencyLimiter limiter = this.limiter;
		String source;
		int ceiling;
		if (this.adaptiveLimit != null) {
			source = (this.adaptiveLimit.lastReported() >= 0) ? "adaptive (ratelimit-limit)" : "adaptive (initial)";
			ceiling = this.adaptiveLimit.ceiling();
		}
		else {
			source = (limiter != null) ? "max-concurrent-requests" : "none";
			ceiling = (limiter != null) ? limiter.capacity() : 0;
		}
		SharedPermits shared = this.shared;
		int waiting = ((limiter != null) ? limiter.waiting() : 0) + ((shared != null) ? shared.waiting() : 0);
		// the recorder counts a call from its start, its wait for a permit included
		int inFlight = Math.max(0, this.recorder.callsInFlight() - waiting);
		return new BytezClientStatus((limiter != null) ? limiter.capacity() : 0, source, ceiling, inFlight, waiting,
				this.recorder.latestLimit(), this.recorder.latestRemaining(), this.recorder.retriesSoFar(),
				this.recorder.totalCost(), (shared != null) ? shared.held() : -1);
	}

	/**
	 * A snapshot of this template's spend guard
	 * ({@link BytezTemplateBuilder#budgetMaxCost}).
	 * @return the status, empty when no maximum cost is set
	 */
	public Optional<BytezBudgetStatus> budgetStatus() {
		SpendGuard guard = this.spendGuard;
		if (guard == null) {
			return Optional.empty();
		}
		return Optional.of(new BytezBudgetStatus(guard.maxCost(), guard.period(), guard.spent(), guard.remaining(),
				guard.periodEnd(), guard.storeDescription()));
	}

	/**
	 * Start building a template.
	 * @return a new builder
	 */
	public static BytezTemplateBuilder builder() {
		return new BytezTemplateBuilder();
	}

	@Override
	public Mono<BytezResponse> run(String modelId, BytezInput input) {
		return run(modelId, input, BytezOptions.defaults());
	}

	@Override
	public Mono<BytezResponse> run(String modelId, BytezInput input, BytezOptions options) {
		BytezRequest request = this.requests.request(BytezOperation.RUN, modelId, input, options);
		return this.fallbacks.value(BytezOperation.RUN, this.fallbacks.models(modelId, options),
				(model) -> turn(request, model, input, options,
						(turn) -> this.pipeline.exchangeForValue(turn, this.answers.response(turn))));
	}

	/**
	 * The call of one model of a fallback chain: the request already built for the model
	 * the call named, else the same call built for {@code model} when its turn comes.
	 */
	private <T> T turn(BytezRequest first, String model, BytezInput input, BytezOptions options,
			Function<BytezRequest, T> call) {
		return call.apply(model.equals(first.modelId()) ? first
				: this.requests.request(first.operation(), model, input, options));
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input) {
		return stream(modelId, input, BytezOptions.defaults());
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input, BytezOptions options) {
		BytezRequest request = this.requests.request(BytezOperation.STREAM, modelId, input, options);
		return this.fallbacks.stream(BytezOperation.STREAM, this.fallbacks.models(modelId, options),
				(model) -> turn(request, model, input, options, (turn) -> this.pipeline.exchange(turn, this.text)));
	}

	@Override
	public Flux<DataBuffer> streamMedia(String modelId, BytezInput input, BytezOptions options) {
		BytezRequest request = this.requests.request(BytezOperation.STREAM_MEDIA, modelId, input, options);
		return this.fallbacks.stream(BytezOperation.STREAM_MEDIA, this.fallbacks.models(modelId, options),
				(model) -> turn(request, model, input, options, (turn) -> this.pipeline.exchange(turn, this.media)));
	}

	@Override
	public Mono<BytezMedia> streamMediaTo(String modelId, BytezInput input, BytezOptions options, Path target) {
		Assert.notNull(target, "target must not be null");
		BytezRequest request = this.requests.request(BytezOperation.STREAM_MEDIA, modelId, input, options);
		// each model's turn writes the whole file or removes what it wrote, so a later
		// turn starts afresh
		return this.fallbacks.value(BytezOperation.STREAM_MEDIA, this.fallbacks.models(modelId, options),
				(model) -> turn(request, model, input, options, (turn) -> this.download.writeTo(turn, target)));
	}

	@Override
	public Mono<List<BytezModelInfo>> listModels() {
		return listModels(Route.listModels());
	}

	@Override
	public Mono<List<BytezModelInfo>> listModels(String task) {
		Assert.isTrue(task != null && TASK_NAME.matcher(task).matches(),
				() -> "task must be a task name such as 'chat' or 'text-to-image' (lower-case letters, digits, '-'), not '"
						+ task + "'");
		return listModels(Route.listModelsOfTask(task));
	}

	@Override
	public Mono<BytezModelInfo> findModel(String modelId) {
		ModelIds.validate(modelId);
		return listModels(Route.findModel(modelId)).flatMap((models) -> Mono
			.justOrEmpty(models.stream().filter((model) -> modelId.equals(model.modelId())).findFirst()));
	}

	private Mono<List<BytezModelInfo>> listModels(Route route) {
		BytezRequest request = BytezRequest.get(BytezOperation.LIST_MODELS, route).build();
		return this.pipeline.exchangeForValue(request, this.answers.list(request, MODEL_LIST));
	}

	@Override
	public Mono<Double> estimateCost(String modelId, BytezCallMetadata metadata) {
		return this.prices.estimateCost(modelId, metadata);
	}

	@Override
	public Mono<List<String>> listTasks() {
		BytezRequest request = BytezRequest.get(BytezOperation.LIST_TASKS, Route.listTasks()).build();
		return this.pipeline.exchangeForValue(request, this.answers.list(request, STRING_LIST));
	}

	@Override
	public Mono<String> requestModel(String modelId) {
		ModelIds.validate(modelId);
		BytezRequest request = BytezRequest.post(BytezOperation.REQUEST_MODEL, Route.requestModel(modelId))
			.model(modelId)
			.build();
		return this.pipeline.exchangeForValue(request, this.answers.response(request))
			.map((response) -> response.output().isString() ? response.output().stringValue()
					: response.output().toString());
	}

	@Override
	public BytezClusters clusters() {
		return this.clusters;
	}

	@Override
	public BytezOpenAi openAi() {
		return this.openAi;
	}

	@Override
	public String toString() {
		return "BytezTemplate{apiKey=******}";
	}

}
