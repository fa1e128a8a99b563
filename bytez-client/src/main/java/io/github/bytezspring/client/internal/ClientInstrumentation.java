package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.retry.BytezRetryListener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The template's observation registry, convention and meter registry, and the meters it records
 * beside its observations (retries, stream timings and sizes, token usage); with no registries it
 * records nothing.
 */
public final class ClientInstrumentation {

	private static final Log logger = LogFactory.getLog(ClientInstrumentation.class);

	/**
	 * The Reactor context key under which Micrometer and Spring's {@code WebClient} look for the
	 * current observation; equal to {@code ObservationThreadLocalAccessor.KEY} (a test checks it),
	 * written out so that the client needs no context-propagation classes to compile against.
	 */
	public static final String OBSERVATION_KEY = "micrometer.observation";

	private static final DefaultBytezObservationConvention DEFAULT_CONVENTION = new DefaultBytezObservationConvention();

	private final ObservationRegistry observationRegistry;

	private final @Nullable BytezObservationConvention convention;

	// the convention that names the model on every meter: the configured one, else the default
	private final BytezObservationConvention tagConvention;

	private final boolean includeModel;

	// built once: per call only the tags vary (null when there is no meter registry)
	private final Meter.@Nullable MeterProvider<Counter> retries;

	private final Meter.@Nullable MeterProvider<Timer> firstChunk;

	private final Meter.@Nullable MeterProvider<DistributionSummary> streamChunks;

	private final Meter.@Nullable MeterProvider<DistributionSummary> streamBytes;

	private final Meter.@Nullable MeterProvider<Counter> tokens;

	private final Meter.@Nullable MeterProvider<Timer> inference;

	private final Meter.@Nullable MeterProvider<Counter> cost;

	private final DoubleAdder totalCost = new DoubleAdder();

	private final AtomicInteger callsInFlight = new AtomicInteger();

	private final AtomicLong retriesSoFar = new AtomicLong();

	private final AtomicLong meteringFailures = new AtomicLong();

	private volatile @Nullable ModelPrices prices;

	// the latest rate-limit values Bytez reported, -1 until one arrives (the gauges show NaN)
	private final AtomicLong latestLimit = new AtomicLong(-1);

	private final AtomicLong latestRemaining = new AtomicLong(-1);

	public ClientInstrumentation(@Nullable ObservationRegistry observationRegistry,
			@Nullable BytezObservationConvention convention, @Nullable MeterRegistry meterRegistry, boolean includeModel) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
		this.convention = convention;
		this.tagConvention = (convention != null) ? convention : DEFAULT_CONVENTION;
		this.includeModel = includeModel;
		if (meterRegistry == null) {
			this.retries = null;
			this.firstChunk = null;
			this.streamChunks = null;
			this.streamBytes = null;
			this.tokens = null;
			this.inference = null;
			this.cost = null;
			return;
		}
		this.cost = Counter.builder(BytezObservationDocumentation.COST)
			.description("Estimated cost of calls to Bytez in US dollars: inference-time times the model's meterPrice "
					+ "from the model list (an estimate, not Bytez's bill; closed models are not included)")
			.baseUnit("usd")
			.withRegistry(meterRegistry);
		this.inference = Timer.builder(BytezObservationDocumentation.INFERENCE)
			.description("How long models ran, as Bytez reports it in the inference-time header (what open models "
					+ "are billed by)")
			.withRegistry(meterRegistry);
		Gauge.builder(BytezObservationDocumentation.RATELIMIT_LIMIT, this.latestLimit, ClientInstrumentation::orNaN)
			.description("The account's limit (concurrent requests for open models) Bytez reported last, "
					+ "in the ratelimit-limit header")
			.register(meterRegistry);
		Gauge.builder(BytezObservationDocumentation.RATELIMIT_REMAINING, this.latestRemaining,
				ClientInstrumentation::orNaN)
			.description("What was left of the account's limit at Bytez's last answer, "
					+ "in the ratelimit-remaining header")
			.register(meterRegistry);
		this.retries = Counter.builder(BytezObservationDocumentation.RETRIES)
			.description("Retries of calls to Bytez")
			.withRegistry(meterRegistry);
		this.firstChunk = Timer.builder(BytezObservationDocumentation.STREAM_FIRST_CHUNK)
			.description("Time from subscribing to a Bytez stream to its first chunk")
			.withRegistry(meterRegistry);
		this.streamChunks = DistributionSummary.builder(BytezObservationDocumentation.STREAM_CHUNKS)
			.description("Chunks per completed Bytez stream")
			.withRegistry(meterRegistry);
		this.streamBytes = DistributionSummary.builder(BytezObservationDocumentation.STREAM_BYTES)
			.description("Bytes per completed Bytez stream")
			.baseUnit("bytes")
			.withRegistry(meterRegistry);
		this.tokens = Counter.builder(BytezObservationDocumentation.TOKEN_USAGE)
			.description("Model tokens used, as the response reports them")
			.baseUnit("tokens")
			.withRegistry(meterRegistry);
	}

	/**
	 * Start observing one logical call, as a child of the observation in the subscriber's context.
	 */
	CallObservation start(BytezOperation operation, @Nullable String modelId, ContextView contextView) {
		BytezObservationContext context = new BytezObservationContext(operation, modelId, this.includeModel);
		Observation observation = BytezObservationDocumentation.CLIENT_REQUESTS
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		Object parent = contextView.getOrDefault(OBSERVATION_KEY, null);
		if (parent instanceof Observation parentObservation) {
			observation.parentObservation(parentObservation);
		}
		this.callsInFlight.incrementAndGet();
		return new CallObservation(this, observation.start(), context);
	}

	/** A call observed by {@link #start} has ended. */
	void callEnded() {
		this.callsInFlight.decrementAndGet();
	}

	/**
	 * The calls running now, each counted once whatever its retries.
	 * @return the number
	 */
	public int callsInFlight() {
		return this.callsInFlight.get();
	}

	/**
	 * The retries scheduled so far.
	 * @return the number
	 */
	public long retriesSoFar() {
		return this.retriesSoFar.get();
	}

	/**
	 * Count a retry of a call observed with {@code context}.
	 */
	void recordRetry(BytezObservationContext context, BytezRetryListener.Event event) {
		if (this.retries != null) {
			KeyValue model = this.tagConvention.getModelKeyValue(context);
			this.retries.withTags("bytez.operation", event.operation().value(), model.getKey(), model.getValue(),
					"reason", FailureKind.of(event.failure()).reason())
				.increment();
		}
	}

	/**
	 * Count a retry; the model tag is the convention's for the event's call.
	 */
	void recordRetry(BytezRetryListener.Event event) {
		this.retriesSoFar.incrementAndGet();
		if (this.retries != null) {
			meter("retry", () -> recordRetry(context(event.operation(), event.modelId()), event));
		}
	}

	/**
	 * Record the metering and rate-limit headers of an answer.
	 */
	void recordAnswer(BytezObservationContext context, BytezCallMetadata metadata) {
		meter("rate-limit and metering headers", () -> countAnswer(context, metadata));
	}

	private void countAnswer(BytezObservationContext context, BytezCallMetadata metadata) {
		metadata.limit().ifPresent(this.latestLimit::set);
		metadata.remaining().ifPresent(this.latestRemaining::set);
		if (this.inference != null && metadata.inferenceTime().isPresent()) {
			KeyValue model = this.tagConvention.getModelKeyValue(context);
			this.inference
				.withTags(model.getKey(), model.getValue(), "bytez.meter",
						metadata.inferenceMeter().orElse(DefaultBytezObservationConvention.NONE))
				.record(metadata.inferenceTime().get());
		}
		recordCost(context, metadata);
	}

	/**
	 * Where the price of a model's inference is looked up, for the cost meter.
	 * @param catalogue finds a model in the model list
	 */
	public void priceCatalogue(Function<String, Mono<BytezModelInfo>> catalogue) {
		this.prices = new ModelPrices(catalogue, System::nanoTime);
	}

	/**
	 * The estimated cost of the calls so far, in US dollars.
	 * @return the sum the cost meter counted
	 */
	public double totalCost() {
		return this.totalCost.sum();
	}

	private void recordCost(BytezObservationContext context, BytezCallMetadata metadata) {
		String modelId = context.getModelId();
		if (this.cost == null || modelId == null || context.getOperation() == BytezOperation.LIST_MODELS) {
			return;
		}
		KeyValue model = this.tagConvention.getModelKeyValue(context);
		String meter = metadata.inferenceMeter().orElse(DefaultBytezObservationConvention.NONE);
		estimateCost(modelId, metadata).subscribe((dollars) -> {
			this.totalCost.add(dollars);
			this.cost.withTags(model.getKey(), model.getValue(), "bytez.meter", meter).increment(dollars);
		}, (ex) -> {
		});
	}

	/**
	 * The estimated cost of one call in US dollars: its inference time times the model's price per second,
	 * looked up in the same cache as the cost meter's.
	 * @param modelId the model that was called
	 * @param metadata what its answer said
	 * @return the cost, empty when the answer had no inference time or the price is unknown; never fails
	 */
	public Mono<Double> estimateCost(@Nullable String modelId, @Nullable BytezCallMetadata metadata) {
		ModelPrices modelPrices = this.prices;
		if (modelPrices == null || modelId == null || metadata == null || metadata.inferenceTime().isEmpty()) {
			return Mono.empty();
		}
		double seconds = metadata.inferenceTime().get().toNanos() / 1e9;
		return Mono.defer(() -> modelPrices.perSecond(modelId))
			.map((price) -> seconds * price)
			.filter((dollars) -> Double.isFinite(dollars) && dollars >= 0)
			.onErrorResume((ex) -> Mono.empty());
	}

	/**
	 * The latest {@code ratelimit-limit} Bytez reported.
	 * @return the limit, or -1 before one arrived
	 */
	public long latestLimit() {
		return this.latestLimit.get();
	}

	/**
	 * The latest {@code ratelimit-remaining} Bytez reported.
	 * @return the remaining, or -1 before one arrived
	 */
	public long latestRemaining() {
		return this.latestRemaining.get();
	}

	private static double orNaN(AtomicLong value) {
		long current = value.get();
		return (current < 0) ? Double.NaN : current;
	}

	void recordFirstChunk(BytezObservationContext context, long nanos) {
		if (this.firstChunk != null) {
			meter("first chunk", () -> this.firstChunk.withTags(tags(context)).record(nanos, TimeUnit.NANOSECONDS));
		}
	}

	void recordCompletedStream(BytezObservationContext context, long chunks, long bytes) {
		if (this.streamChunks != null && this.streamBytes != null) {
			meter("stream size", () -> {
				String[] tags = tags(context);
				this.streamChunks.withTags(tags).record(chunks);
				this.streamBytes.withTags(tags).record(bytes);
			});
		}
	}

	/**
	 * Record something about a call such that nothing there can fail the call: a failure (an absurd
	 * value, a failing meter registry or convention) is counted, logged once at DEBUG and dropped.
	 * @param what what was being recorded, for the log
	 * @param recording the recording
	 */
	public void meter(String what, Runnable recording) {
		try {
			recording.run();
		}
		catch (RuntimeException ex) {
			if (this.meteringFailures.getAndIncrement() == 0 && logger.isDebugEnabled()) {
				// the class only: a message could quote what the server sent
				logger.debug("Recording the " + what + " of a Bytez call failed with " + ex.getClass().getName()
						+ "; the value is ignored and the call goes on (logged once)");
			}
		}
	}

	/**
	 * How many times recording something about a call failed and was ignored.
	 * @return the number
	 */
	public long meteringFailures() {
		return this.meteringFailures.get();
	}

	/**
	 * Count the tokens a response reports, in any shape {@link BytezTokenUsage} reads (a usage object, or
	 * an object holding one); counts it cannot read are left out, and nothing here can fail the call.
	 */
	public void recordTokenUsage(BytezOperation operation, @Nullable String modelId, JsonNode usage) {
		meter("token usage", () -> countTokenUsage(operation, modelId, usage));
	}

	private void countTokenUsage(BytezOperation operation, @Nullable String modelId, JsonNode usage) {
		if (this.tokens == null || usage == null) {
			return;
		}
		BytezTokenUsage parsed = BytezTokenUsage.of(usage);
		if (parsed.input() == null && parsed.output() == null) {
			return;
		}
		String[] tags = tags(context(operation, modelId));
		if (parsed.input() != null) {
			tokenCounter(this.tokens, tags, "input").increment(parsed.input());
		}
		if (parsed.output() != null) {
			tokenCounter(this.tokens, tags, "output").increment(parsed.output());
		}
	}

	private Counter tokenCounter(Meter.MeterProvider<Counter> tokens, String[] tags, String type) {
		return tokens.withTags("gen_ai.token.type", type, tags[0], tags[1], tags[2], tags[3]);
	}

	/**
	 * The operation and model tags of every meter: the model's key and value are the convention's.
	 */
	private String[] tags(BytezObservationContext context) {
		KeyValue model = this.tagConvention.getModelKeyValue(context);
		return new String[] { "bytez.operation", context.getOperation().value(), model.getKey(), model.getValue() };
	}

	private BytezObservationContext context(BytezOperation operation, @Nullable String modelId) {
		return new BytezObservationContext(operation, modelId, this.includeModel);
	}

}
