package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a call to a model and, when that model cannot answer because of its own or the
 * plan's state, the same call to each of its fallback models in turn. Each model's turn
 * is a complete logical call of {@link CallPipeline}, with its own retries, timeout and
 * observation; this layer only decides whether the next model gets a turn, and records
 * that it did.
 * <p>
 * Reactor's {@code onErrorResume} could express one hop, but not "only before the first
 * element" and the bookkeeping of the models tried across hops, hence this class.
 */
public final class FallbackChain {

	/**
	 * The Reactor context key under which a turn of a model that took a call over finds
	 * the model the call named, for its observation.
	 */
	public static final String REQUESTED_MODEL_KEY = FallbackChain.class.getName() + ".requestedModel";

	private static final Log logger = LogFactory.getLog(FallbackChain.class);

	private final Map<String, List<String>> configured;

	private final FallbackMeter meter;

	/**
	 * @param configured the chains of the configuration, by the model they start from
	 * (validated)
	 * @param meter counts each fallback
	 */
	public FallbackChain(Map<String, List<String>> configured, FallbackMeter meter) {
		this.configured = Map.copyOf(configured);
		this.meter = meter;
	}

	/**
	 * The models a call tries in order: its own, then its options' fallback models, or,
	 * when the options set none, the configured chain of its model.
	 * @param modelId the model the call names (validated)
	 * @param options the call's options
	 * @return the models, the call's own first
	 * @throws IllegalArgumentException for an invalid fallback model id, the call's own
	 * model among its fallback models, or a model given twice
	 */
	public List<String> models(String modelId, BytezOptions options) {
		List<String> fallbacks = (options.fallbackModels() != null) ? options.fallbackModels()
				: this.configured.getOrDefault(modelId, List.of());
		if (fallbacks.isEmpty()) {
			return List.of(modelId);
		}
		List<String> models = new ArrayList<>(fallbacks.size() + 1);
		models.add(modelId);
		for (String fallback : fallbacks) {
			try {
				ModelIds.validate(fallback);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("fallback model of '" + modelId + "': " + ex.getMessage(), ex);
			}
			if (models.contains(fallback)) {
				throw new IllegalArgumentException("fallback model '" + fallback + "' of '" + modelId + "' is "
						+ (fallback.equals(modelId) ? "the call's own model; a model cannot fall back to itself"
								: "given twice; a model is tried once"));
			}
			models.add(fallback);
		}
		return List.copyOf(models);
	}

	/**
	 * Validate the chains of a configuration: every id a model id, no model falling back
	 * to itself, no model twice in a chain.
	 * @param chains the chains by the model they start from
	 * @return an immutable copy, in order
	 * @throws IllegalArgumentException naming the first problem
	 */
	public static Map<String, List<String>> validate(Map<String, List<String>> chains) {
		Map<String, List<String>> valid = new LinkedHashMap<>();
		FallbackChain checker = new FallbackChain(Map.of(), FallbackMeter.NONE);
		chains.forEach((modelId, fallbacks) -> {
			ModelIds.validate(modelId);
			if (fallbacks == null || fallbacks.isEmpty()) {
				throw new IllegalArgumentException(
						"the fallback chain of '" + modelId + "' names no model to fall " + "back to");
			}
			checker.models(modelId, BytezOptions.builder().fallbackModels(fallbacks.toArray(String[]::new)).build());
			valid.put(modelId, List.copyOf(fallbacks));
		});
		return valid;
	}

	/**
	 * A call with one value: each model's turn is {@code turn}'s call for it.
	 */
	public <T> Mono<T> value(BytezOperation operation, List<String> models, Function<String, Mono<T>> turn) {
		if (models.size() == 1) {
			return turn.apply(models.get(0));
		}
		return stream(operation, models, (model) -> turn.apply(model).flux()).singleOrEmpty();
	}

	/**
	 * A streamed call: a model's failure hands the call to the next model only while
	 * nothing reached the subscriber; after the first element it is the stream's error.
	 */
	public <T> Flux<T> stream(BytezOperation operation, List<String> models, Function<String, Flux<T>> turn) {
		if (models.size() == 1) {
			return turn.apply(models.get(0));
		}
		return Flux.defer(() -> turn(operation, models, 0, turn, new ArrayList<>(models.size() - 1)));
	}

	private <T> Flux<T> turn(BytezOperation operation, List<String> models, int index, Function<String, Flux<T>> turn,
			List<Throwable> earlier) {
		String model = models.get(index);
		AtomicBoolean emitted = new AtomicBoolean();
		Flux<T> call = Flux.defer(() -> turn.apply(model));
		if (index > 0) {
			call = call.contextWrite((context) -> context.put(REQUESTED_MODEL_KEY, models.get(0)));
		}
		return call.doOnNext((element) -> emitted.set(true)).onErrorResume((failure) -> {
			String reason = reason(failure);
			if (emitted.get() || reason == null || index == models.size() - 1) {
				return Flux.error(exhausted(failure, models.subList(0, index + 1), earlier));
			}
			String next = models.get(index + 1);
			warn(operation, model, next, failure, index + 2, models.size());
			this.meter.record(operation, model, next, reason);
			earlier.add(failure);
			return turn(operation, models, index + 1, turn, earlier);
		});
	}

	/**
	 * The failure a call ends with after falling back: the last model's own, of its own
	 * type so that existing handling of it still works, naming the models tried and
	 * keeping the earlier failures.
	 */
	private static Throwable exhausted(Throwable failure, List<String> tried, List<Throwable> earlier) {
		if (earlier.isEmpty()) {
			return failure;
		}
		earlier.forEach(failure::addSuppressed);
		if (failure instanceof BytezException bytezFailure) {
			bytezFailure.setModelsTried(tried);
		}
		return failure;
	}

	/**
	 * Why {@code failure} hands a call to the next model, as the fallback counter's
	 * {@code reason} tag, or {@code null} when it does not: a caller's mistake gives the
	 * same answer from any model, and a failure to reach Bytez at all would fail the next
	 * model's call the same way. An answer that cannot be read
	 * ({@code BytezInvalidResponseException}) is not a {@code BytezServerException}: the
	 * model did the work, so it is not done again.
	 */
	static @Nullable String reason(Throwable failure) {
		if (failure instanceof BytezRateLimitException) {
			return "rate_limited";
		}
		if (failure instanceof BytezPaymentRequiredException) {
			return "payment_required";
		}
		if (failure instanceof BytezServerException) {
			return "server_error";
		}
		if (failure instanceof BytezTimeoutException) {
			return "timeout";
		}
		return null;
	}

	private static void warn(BytezOperation operation, String from, String to, Throwable failure, int turn,
			int models) {
		if (logger.isWarnEnabled()) {
			logger.warn(BytezException.describe(operation, from) + " failed (" + cause(failure) + "); falling back to '"
					+ to + "' (model " + turn + " of " + models + ")");
		}
	}

	// the status or the type only: a message could quote what the server sent
	private static String cause(Throwable failure) {
		return (failure instanceof BytezApiException api && api.getStatusCode() > 0) ? "HTTP " + api.getStatusCode()
				: failure.getClass().getSimpleName();
	}

}
