package io.github.bytezspring.ai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.observation.BytezCallListener;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyRateLimit;
import org.springframework.ai.chat.metadata.RateLimit;

/**
 * The keys under which the Bytez models put what Bytez's answer said beside the result,
 * in {@code ChatResponseMetadata} (and the other models' response metadata), and in an
 * assistant message's metadata; the rate limit itself is
 * {@code ChatResponseMetadata.getRateLimit()}.
 */
public final class BytezAiMetadata {

	/**
	 * How long the model ran, a {@link Duration} (the {@code inference-time} header):
	 * {@value}.
	 */
	public static final String INFERENCE_TIME = "bytez.inference-time";

	/**
	 * The meter the call was billed on, a {@code String} (the {@code inference-meter}
	 * header): {@value}.
	 */
	public static final String INFERENCE_METER = "bytez.inference-meter";

	/**
	 * The call's estimated cost in US dollars, a {@link Double}: the inference time times
	 * the model's {@code meterPrice} from the model list (an estimate, not Bytez's bill),
	 * present when both are known: {@value}.
	 */
	public static final String ESTIMATED_COST = "bytez.estimated-cost";

	/**
	 * The rate limit Bytez reported, a Spring AI {@link RateLimit}, in the metadata of
	 * the embedding, image, transcription and speech responses (chat responses have it as
	 * {@code getRateLimit()}): {@value}.
	 */
	public static final String RATE_LIMIT = "bytez.rate-limit";

	/**
	 * The endpoint that answered, a {@link BytezChatEndpoint} (chat responses only):
	 * {@value}.
	 */
	public static final String ENDPOINT = "bytez.endpoint";

	/** An assistant message's reasoning, as the model reports it: {@value}. */
	public static final String REASONING_CONTENT = "reasoningContent";

	/**
	 * An assistant message's reasoning summary (Responses API {@code reasoning.summary}):
	 * {@value}.
	 */
	public static final String REASONING_SUMMARY = "reasoningSummary";

	/**
	 * The longest a response waits for the model's price: a slow model list never holds
	 * it up longer.
	 */
	static final Duration COST_WAIT = Duration.ofSeconds(5);

	private BytezAiMetadata() {
	}

	/**
	 * The estimated cost of a call, waited for at most {@link #COST_WAIT}; an empty
	 * {@link Optional} when it is unknown, late or its look-up failed, so that it never
	 * fails a response. The look-up runs outside the call's Reactor context: the model
	 * list's answer must not reach the call's {@link Capture}.
	 */
	static Mono<Optional<Double>> estimatedCost(BytezOperations bytez, String modelId, BytezCallMetadata metadata) {
		if (metadata.inferenceTime().isEmpty()) {
			return Mono.just(Optional.empty());
		}
		return Mono.defer(() -> bytez.estimateCost(modelId, metadata))
			.timeout(COST_WAIT, Mono.empty())
			.onErrorResume((ex) -> Mono.empty())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.contextWrite((reactor) -> Context.empty());
	}

	/**
	 * The estimated cost of a call, for the models that block: see
	 * {@link #estimatedCost}.
	 */
	static @Nullable Double estimatedCostNow(BytezOperations bytez, String modelId, BytezCallMetadata metadata) {
		Optional<Double> cost = estimatedCost(bytez, modelId, metadata).block();
		return (cost != null) ? cost.orElse(null) : null;
	}

	/**
	 * The rate limit Bytez reported: {@code ratelimit-limit} and
	 * {@code ratelimit-remaining} as the requests limit and remaining,
	 * {@code ratelimit-reset} as the requests reset; Bytez reports no token limits, which
	 * are 0 as in Spring AI's {@link EmptyRateLimit}.
	 */
	static RateLimit rateLimit(BytezCallMetadata metadata) {
		if (metadata.limit().isEmpty() && metadata.remaining().isEmpty() && metadata.reset().isEmpty()) {
			return new EmptyRateLimit();
		}
		return new BytezRateLimit(metadata.limit().isPresent() ? (long) metadata.limit().getAsInt() : 0L,
				metadata.remaining().isPresent() ? (long) metadata.remaining().getAsInt() : 0L,
				metadata.reset().orElse(Duration.ZERO));
	}

	/**
	 * Put the rate limit and the metering of an answer on a response's metadata.
	 */
	static ChatResponseMetadata.Builder describe(ChatResponseMetadata.Builder builder, BytezCallMetadata metadata,
			@Nullable Double estimatedCost) {
		builder.rateLimit(rateLimit(metadata));
		metadata.inferenceTime().ifPresent((time) -> builder.keyValue(INFERENCE_TIME, time));
		metadata.inferenceMeter().ifPresent((meter) -> builder.keyValue(INFERENCE_METER, meter));
		if (estimatedCost != null) {
			builder.keyValue(ESTIMATED_COST, estimatedCost);
		}
		return builder;
	}

	/**
	 * The rate limit and the metering of an answer as metadata entries, for the responses
	 * whose metadata has no place for a rate limit of its own.
	 */
	static Map<String, Object> entries(BytezCallMetadata metadata, @Nullable Double estimatedCost) {
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put(RATE_LIMIT, rateLimit(metadata));
		metadata.inferenceTime().ifPresent((time) -> entries.put(INFERENCE_TIME, time));
		metadata.inferenceMeter().ifPresent((meter) -> entries.put(INFERENCE_METER, meter));
		if (estimatedCost != null) {
			entries.put(ESTIMATED_COST, estimatedCost);
		}
		return entries;
	}

	/**
	 * The rate limit Bytez reported, as Spring AI's {@link RateLimit}.
	 */
	private record BytezRateLimit(Long getRequestsLimit, Long getRequestsRemaining,
			Duration getRequestsReset) implements RateLimit {

		@Override
		public Long getTokensLimit() {
			return 0L;
		}

		@Override
		public Long getTokensRemaining() {
			return 0L;
		}

		@Override
		public Duration getTokensReset() {
			return Duration.ZERO;
		}

	}

	/**
	 * The metadata of the last answer of one Bytez call, caught by a listener the call
	 * finds in its Reactor context: how a stream or an OpenAI-compatible call hands its
	 * rate-limit headers on.
	 */
	static final class Capture implements BytezCallListener {

		private final AtomicReference<BytezCallMetadata> metadata = new AtomicReference<>(BytezCallMetadata.empty());

		private final AtomicReference<Duration> inferenceTime = new AtomicReference<>(Duration.ZERO);

		private final AtomicReference<@Nullable String> model = new AtomicReference<>();

		@Override
		public void onAnswer(Event event) {
			if (event.status() >= 200 && event.status() < 300 && event.modelId() != null) {
				this.model.set(event.modelId());
			}
			this.metadata.set(event.metadata());
			event.metadata()
				.inferenceTime()
				.ifPresent((time) -> this.inferenceTime.accumulateAndGet(time, Duration::plus));
		}

		/**
		 * The last answer's rate limit and meter, with the inference time of all the
		 * answers (a model that makes several calls, such as the embedding model, is
		 * billed for all of them).
		 */
		BytezCallMetadata metadata() {
			BytezCallMetadata last = Objects.requireNonNull(this.metadata.get());
			Duration total = Objects.requireNonNull(this.inferenceTime.get());
			return BytezCallMetadata.of(last.limit().isPresent() ? last.limit().getAsInt() : null,
					last.remaining().isPresent() ? last.remaining().getAsInt() : null, last.reset().orElse(null),
					(last.inferenceTime().isPresent() || !total.isZero()) ? total : null,
					last.inferenceMeter().orElse(null));
		}

		/**
		 * The model that answered: the requested one, or the fallback model that took the
		 * prompt over.
		 */
		String model(String requested) {
			String answered = this.model.get();
			return (answered != null) ? answered : requested;
		}

		Context putInto(Context context) {
			return context.put(BytezCallListener.CONTEXT_KEY, this);
		}

	}

}
