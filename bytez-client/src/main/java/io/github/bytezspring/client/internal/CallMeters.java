package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;
import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;
import io.github.bytezspring.client.retry.BytezRetryListener;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters the client records beside its observations (retries, stream timings and
 * sizes, token usage, inference time, estimated cost), fed by {@link CallRecorder} from a
 * call's record; built once, per call only the tags vary.
 */
final class CallMeters {

	private final BytezObservationConvention tagConvention;

	private final PriceCatalogue prices;

	/** The most meters kept found. */
	static final int MAX_CACHED_METERS = 2_000;

	private final Meter.MeterProvider<Counter> retries;

	private final Meter.MeterProvider<Timer> firstChunk;

	private final Meter.MeterProvider<Timer> firstByte;

	private final Meter.MeterProvider<DistributionSummary> streamChunks;

	private final Meter.MeterProvider<DistributionSummary> streamBytes;

	private final Meter.MeterProvider<Counter> tokens;

	private final Meter.MeterProvider<Timer> inference;

	private final Meter.MeterProvider<Counter> cost;

	private final DoubleAdder totalCost = new DoubleAdder();

	// Micrometer finds a meter by building its sorted tags and id and looking them up on
	// every record, and the first-byte timer is recorded on every attempt of every call;
	// so the meters calls record are kept here by name and tags (as an application keeps
	// a meter it registered). Bounded, since a model tag per Bytez model could grow it
	// without end: past the bound, meters are looked up each time as before. Emptied
	// when the registry removes any meter, so that no removed meter is recorded to.
	private final Map<MeterKey, Meter> cache = new ConcurrentHashMap<>();

	CallMeters(MeterRegistry meterRegistry, BytezObservationConvention tagConvention, PriceCatalogue prices) {
		this.tagConvention = tagConvention;
		this.prices = prices;
		this.cost = Counter.builder(BytezObservationDocumentation.COST)
			.description("Estimated cost of calls to Bytez in US dollars: inference-time times the model's meterPrice "
					+ "from the model list (an estimate, not Bytez's bill; closed models are not included)")
			.baseUnit("usd")
			.withRegistry(meterRegistry);
		this.inference = Timer.builder(BytezObservationDocumentation.INFERENCE)
			.description("How long models ran, as Bytez reports it in the inference-time header (what open models "
					+ "are billed by)")
			.withRegistry(meterRegistry);
		this.retries = Counter.builder(BytezObservationDocumentation.RETRIES)
			.description("Retries of calls to Bytez")
			.withRegistry(meterRegistry);
		this.firstChunk = Timer.builder(BytezObservationDocumentation.STREAM_FIRST_CHUNK)
			.description("Time from subscribing to a Bytez stream to its first chunk")
			.withRegistry(meterRegistry);
		this.firstByte = Timer.builder(BytezObservationDocumentation.FIRST_BYTE)
			.description("Time from sending a request to Bytez to its response headers, per attempt of every call "
					+ "(a cold model's start shows here)")
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
		WeakReference<Map<MeterKey, Meter>> cacheReference = new WeakReference<>(this.cache);
		meterRegistry.config().onMeterRemoved((removed) -> {
			Map<MeterKey, Meter> cached = cacheReference.get();
			if (cached != null) {
				cached.clear();
			}
		});
	}

	void retried(CallRecord call, BytezRetryListener.Event event) {
		String[] tags = tags(call);
		String reason = FailureKind.of(event.failure()).reason();
		cached(BytezObservationDocumentation.RETRIES, tags[1], tags, "reason", reason,
				() -> this.retries.withTags(tags[0], tags[1], tags[2], tags[3], "reason", reason))
			.increment();
	}

	/** An attempt's time from sending its request to its response headers. */
	void firstByte(CallRecord call, long nanos) {
		String[] tags = tags(call);
		cached(BytezObservationDocumentation.FIRST_BYTE, tags[1], tags, "", "", () -> this.firstByte.withTags(tags))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The metering headers of an answered attempt: its inference time and estimated cost.
	 */
	void answered(CallRecord call, BytezCallMetadata metadata) {
		if (metadata.inferenceTime().isEmpty()) {
			return;
		}
		Duration inferenceTime = metadata.inferenceTime().get();
		String[] tags = tags(call);
		String meter = metadata.inferenceMeter().orElse(DefaultBytezObservationConvention.NONE);
		cached(BytezObservationDocumentation.INFERENCE, "", tags, "bytez.meter", meter,
				() -> this.inference.withTags(tags[2], tags[3], "bytez.meter", meter))
			.record(inferenceTime);
		String modelId = call.modelId();
		if (modelId != null) {
			this.prices.estimateCost(modelId, metadata).subscribe((dollars) -> {
				this.totalCost.add(dollars);
				cached(BytezObservationDocumentation.COST, "", tags, "bytez.meter", meter,
						() -> this.cost.withTags(tags[2], tags[3], "bytez.meter", meter))
					.increment(dollars);
			}, (ex) -> {
			});
		}
	}

	/**
	 * What is known once the call has ended: its first chunk, its size when a stream
	 * completed, its tokens.
	 */
	void ended(CallRecord call, BytezOutcome outcome) {
		long firstChunk = call.firstChunkNanos();
		if (firstChunk < 0 && call.usage().isEmpty() && !(call.streamed() && outcome == BytezOutcome.SUCCESS)) {
			return;
		}
		String[] tags = tags(call);
		if (firstChunk >= 0) {
			cached(BytezObservationDocumentation.STREAM_FIRST_CHUNK, tags[1], tags, "", "",
					() -> this.firstChunk.withTags(tags))
				.record(firstChunk, TimeUnit.NANOSECONDS);
		}
		if (call.streamed() && outcome == BytezOutcome.SUCCESS) {
			cached(BytezObservationDocumentation.STREAM_CHUNKS, tags[1], tags, "", "",
					() -> this.streamChunks.withTags(tags))
				.record(call.chunks());
			cached(BytezObservationDocumentation.STREAM_BYTES, tags[1], tags, "", "",
					() -> this.streamBytes.withTags(tags))
				.record(call.bytes());
		}
		BytezTokenUsage usage = call.usage();
		if (usage.input() != null) {
			cached(BytezObservationDocumentation.TOKEN_USAGE, tags[1], tags, "gen_ai.token.type", "input",
					() -> this.tokens.withTags("gen_ai.token.type", "input", tags[0], tags[1], tags[2], tags[3]))
				.increment(usage.input());
		}
		if (usage.output() != null) {
			cached(BytezObservationDocumentation.TOKEN_USAGE, tags[1], tags, "gen_ai.token.type", "output",
					() -> this.tokens.withTags("gen_ai.token.type", "output", tags[0], tags[1], tags[2], tags[3]))
				.increment(usage.output());
		}
	}

	/**
	 * The cached meter of this name and tags, or the one {@code lookup} finds (kept while
	 * the cache has room).
	 */
	@SuppressWarnings("unchecked")
	private <M extends Meter> M cached(String name, String operation, String[] tags, String extraKey, String extraValue,
			Supplier<M> lookup) {
		MeterKey key = new MeterKey(name, operation, tags[2], tags[3], extraKey, extraValue);
		Meter meter = this.cache.get(key);
		if (meter != null) {
			return (M) meter;
		}
		M found = lookup.get();
		if (this.cache.size() < MAX_CACHED_METERS) {
			this.cache.putIfAbsent(key, found);
		}
		return found;
	}

	/** How many meters are cached now; for tests. */
	int cachedMeters() {
		return this.cache.size();
	}

	double totalCost() {
		return this.totalCost.sum();
	}

	/** A meter's name and tags: the operation (or empty), the model's, and one more. */
	private record MeterKey(String name, String operation, String modelKey, String model, String extraKey,
			String extraValue) {

	}

	/**
	 * The operation and model tags of every meter of a call, made once per call: the
	 * model's key and value are the convention's.
	 */
	private String[] tags(CallRecord call) {
		String[] tags = call.tags();
		if (tags == null) {
			BytezObservationContext context = call.context();
			KeyValue model = this.tagConvention.getModelKeyValue(context);
			tags = new String[] { "bytez.operation", call.operation().value(), model.getKey(), model.getValue() };
			call.tags(tags);
		}
		return tags;
	}

}
