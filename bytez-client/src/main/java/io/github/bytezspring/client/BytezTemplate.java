package io.github.bytezspring.client;

import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.internal.AdaptiveLimit;
import io.github.bytezspring.client.internal.BytezErrors;
import io.github.bytezspring.client.internal.BytezRequest;
import io.github.bytezspring.client.internal.CallPipeline;
import io.github.bytezspring.client.internal.ClientInstrumentation;
import io.github.bytezspring.client.internal.ConcurrencyLimiter;
import io.github.bytezspring.client.internal.DefaultBytezClusters;
import io.github.bytezspring.client.internal.DefaultBytezOpenAi;
import io.github.bytezspring.client.internal.MediaDownload;
import io.github.bytezspring.client.internal.MediaStreamReader;
import io.github.bytezspring.client.internal.ModelAnswers;
import io.github.bytezspring.client.internal.ModelIds;
import io.github.bytezspring.client.internal.ModelRequests;
import io.github.bytezspring.client.internal.PipelineSettings;
import io.github.bytezspring.client.internal.ResponseBodies;
import io.github.bytezspring.client.internal.Route;
import io.github.bytezspring.client.internal.SharedPermits;
import io.github.bytezspring.client.internal.TextStreamReader;
import io.github.bytezspring.client.internal.UserAgent;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.BytezOpenAi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

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

	private static final Pattern TASK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final TypeReference<List<BytezModelInfo>> MODEL_LIST = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
	};

	private final CallPipeline pipeline;

	private final @Nullable ConcurrencyLimiter limiter;

	private final @Nullable AdaptiveLimit adaptiveLimit;

	private final @Nullable SharedPermits shared;

	private final ClientInstrumentation instrumentation;

	private final ModelRequests requests;

	private final ModelAnswers answers;

	private final TextStreamReader text;

	private final MediaStreamReader media;

	private final MediaDownload download;

	private final BytezClusters clusters;

	private final BytezOpenAi openAi;

	BytezTemplate(TemplateSettings settings) {
		ClientInstrumentation instrumentation = new ClientInstrumentation(settings.observationRegistry,
				settings.observationConvention, settings.meterRegistry, settings.includeModelInObservations);
		ResponseBodies bodies = new ResponseBodies(new BytezErrors(settings.mapper, Clock.systemUTC(),
				settings.names, settings.secrets()), settings.names, Math.toIntExact(settings.maxInMemorySize.toBytes()));
		SharedPermits shared = (settings.permitStore != null) ? new SharedPermits(settings.permitStore,
				settings.permitStoreFailureMode, settings.names, settings.meterRegistry) : null;
		int ceiling = (settings.maxConcurrentRequests > 0) ? settings.maxConcurrentRequests
				: BytezTemplateBuilder.DEFAULT_ADAPTIVE_CONCURRENCY_CEILING;
		ConcurrencyLimiter limiter = settings.adaptiveConcurrency
				? new ConcurrencyLimiter(Math.min(AdaptiveLimit.INITIAL_CAPACITY, ceiling), settings.maxPendingRequests,
						settings.names, shared)
				: (settings.maxConcurrentRequests > 0) ? new ConcurrencyLimiter(settings.maxConcurrentRequests,
						settings.maxPendingRequests, settings.names, shared) : null;
		this.adaptiveLimit = settings.adaptiveConcurrency ? new AdaptiveLimit(Objects.requireNonNull(limiter), ceiling) : null;
		this.shared = shared;
		this.limiter = limiter;
		this.instrumentation = instrumentation;
		PipelineSettings pipelineSettings = new PipelineSettings(settings.apiKey, settings.responseTimeout,
				settings.streamIdleTimeout,
				settings.retryPolicy, settings.retryListener, settings.callListener, settings.names);
		this.pipeline = new CallPipeline(webClient(settings), pipelineSettings, bodies, limiter, instrumentation,
				this.adaptiveLimit);
		instrumentation.priceCatalogue(this::findModel);
		this.requests = new ModelRequests(settings.mapper, settings.endpoints, settings.providerKey,
				settings.retryPolicy, settings.maxInlineMediaSize, settings.names, settings.autoScale);
		this.answers = new ModelAnswers(settings.mapper, bodies, instrumentation);
		this.text = new TextStreamReader(bodies, settings.mapper);
		this.media = new MediaStreamReader(bodies);
		this.download = new MediaDownload(this.pipeline, bodies);
		this.clusters = new DefaultBytezClusters(this.pipeline, settings.mapper, bodies);
		this.openAi = new DefaultBytezOpenAi(this.pipeline, settings.mapper, bodies, instrumentation,
				settings.providerKey);
	}

	private static WebClient webClient(TemplateSettings settings) {
		int maxInMemorySize = Math.toIntExact(settings.maxInMemorySize.toBytes());
		WebClient.Builder builder = settings.webClientBuilder.clone()
			.baseUrl(settings.baseUrl)
			.defaultHeader(HttpHeaders.USER_AGENT, UserAgent.value())
			.defaultHeader("lang", "java")
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemorySize));
		settings.customizers.forEach((customizer) -> customizer.accept(builder));
		// last, so that no customizer and no spring.http.codecs.log-request-details turns it back on: with
		// it, Spring's ExchangeFunctions would log the Authorization and provider-key headers at TRACE
		builder.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false));
		return builder.build();
	}

	/**
	 * A snapshot of this template's concurrency limit, calls in flight and waiting, the latest
	 * rate-limit headers, retries and estimated cost so far.
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
		// the instrumentation counts a call from its start, its wait for a permit included
		int inFlight = Math.max(0, this.instrumentation.callsInFlight() - waiting);
		return new BytezClientStatus((limiter != null) ? limiter.capacity() : 0, source, ceiling, inFlight, waiting,
				this.instrumentation.latestLimit(), this.instrumentation.latestRemaining(),
				this.instrumentation.retriesSoFar(), this.instrumentation.totalCost(),
				(shared != null) ? shared.held() : -1);
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
		return this.pipeline.exchangeForValue(request, this.answers.response(request));
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input) {
		return stream(modelId, input, BytezOptions.defaults());
	}

	@Override
	public Flux<String> stream(String modelId, BytezInput input, BytezOptions options) {
		return this.pipeline.exchange(this.requests.request(BytezOperation.STREAM, modelId, input, options), this.text);
	}

	@Override
	public Flux<DataBuffer> streamMedia(String modelId, BytezInput input, BytezOptions options) {
		return this.pipeline.exchange(this.requests.request(BytezOperation.STREAM_MEDIA, modelId, input, options),
				this.media);
	}

	@Override
	public Mono<BytezMedia> streamMediaTo(String modelId, BytezInput input, BytezOptions options, Path target) {
		Assert.notNull(target, "target must not be null");
		return this.download.writeTo(this.requests.request(BytezOperation.STREAM_MEDIA, modelId, input, options),
				target);
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
		return this.instrumentation.estimateCost(modelId, metadata);
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
