package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way every call reaches Bytez: the logical call is observed as a whole, each attempt runs
 * under a concurrency permit, every failure becomes a typed exception, and the call is retried as its
 * policy allows (a stream only while nothing reached the subscriber); the operations only say what to
 * send and which {@link ResponseReader} reads the answer.
 */
public final class CallPipeline {

	private static final Log logger = LogFactory.getLog(CallPipeline.class);

	private final WebClient webClient;

	private final PipelineSettings settings;

	private final ResponseBodies bodies;

	private final @Nullable ConcurrencyLimiter limiter;

	private final ClientInstrumentation instrumentation;

	private final @Nullable AdaptiveLimit adaptiveLimit;

	/**
	 * A pipeline whose limiter's capacity follows the limit Bytez reports, when {@code adaptiveLimit} is given.
	 */
	public CallPipeline(WebClient webClient, PipelineSettings settings, ResponseBodies bodies,
			@Nullable ConcurrencyLimiter limiter, ClientInstrumentation instrumentation,
			@Nullable AdaptiveLimit adaptiveLimit) {
		this.adaptiveLimit = adaptiveLimit;
		this.webClient = webClient;
		this.settings = settings;
		this.bodies = bodies;
		this.limiter = limiter;
		this.instrumentation = instrumentation;
	}

	/**
	 * A call with one value, such as a JSON answer: the same pipeline as {@link #exchange}.
	 */
	public <T> Mono<T> exchangeForValue(BytezRequest request, ResponseReader<T> reader) {
		return exchange(request, reader).singleOrEmpty();
	}

	/**
	 * A call whose successful answer {@code reader} reads; an error status becomes a typed exception.
	 */
	public <T> Flux<T> exchange(BytezRequest request, ResponseReader<T> reader) {
		return Flux.deferContextual((contextView) -> {
			CallObservation observation = this.instrumentation.start(request.operation(), request.modelId(),
					contextView);
			Object own = contextView.getOrDefault(BytezCallListener.CONTEXT_KEY, null);
			BytezCallListener callListener = (own instanceof BytezCallListener listener) ? listener : null;
			Flux<T> attempt = Flux.defer(() -> attempt(request, reader, observation, callListener))
				.onErrorMap((ex) -> this.bodies.errors(request).forTransport(request.operation(), request.modelId(), ex));
			Flux<T> limited = (this.limiter != null)
					? this.limiter.limit(attempt, request.operation(), request.modelId()) : attempt;
			AtomicBoolean emitted = new AtomicBoolean();
			Flux<T> call = withinCallTimeout(request,
					RetryAfterFailure.retry(limited.doOnNext((element) -> emitted.set(true)),
							() -> retry(request, () -> !emitted.get())));
			call = reader.streamed()
					? call.doOnNext((element) -> observation.chunkEmitted()).doOnComplete(observation::streamCompleted)
					: call.doOnComplete(observation::success);
			return call.doOnError(observation::failure)
				.doOnCancel(observation::cancelled)
				.contextWrite(observation::putInto);
		});
	}

	/**
	 * Bound the whole logical call, retries and backoff included, by the call's own timeout.
	 */
	private <T> Flux<T> withinCallTimeout(BytezRequest request, Flux<T> call) {
		Duration timeout = request.timeout();
		if (timeout == null) {
			return call;
		}
		return failAt(call, Mono.delay(timeout), () -> new BytezTimeoutException(
				BytezException.describe(request.operation(), request.modelId())
						+ " timed out: the call did not complete within its timeout (" + timeout + ")",
				request.operation(), request.modelId(), null));
	}

	/**
	 * Cancel {@code source} and fail with {@code failure} when {@code trigger} emits first; a completed
	 * source cancels the trigger. ({@code takeUntilOther} with a failing trigger would not cancel the
	 * source: a retried call would go on in the background.)
	 */
	private static <T> Flux<T> failAt(Flux<T> source, Mono<?> trigger, Supplier<? extends Throwable> failure) {
		return Flux.defer(() -> {
			AtomicBoolean expired = new AtomicBoolean();
			return source.takeUntilOther(trigger.doOnNext((tick) -> expired.set(true)))
				.concatWith(Mono.defer(() -> expired.get() ? Mono.error(failure.get()) : Mono.empty()));
		});
	}

	private <T> Flux<T> attempt(BytezRequest request, ResponseReader<T> reader, CallObservation observation,
			@Nullable BytezCallListener callListener) {
		observation.attemptStarted();
		logRequest(request);
		AtomicBoolean headersArrived = new AtomicBoolean();
		Flux<T> answer = prepare(request).exchangeToFlux((response) -> {
			headersArrived.set(true);
			int status = response.statusCode().value();
			observation.status(status);
			this.instrumentation.meter("rate-limit and metering headers", () -> answered(request, observation, status,
					CallMetadataHeaders.parse(response.headers().asHttpHeaders()), callListener));
			if (response.statusCode().isError()) {
				return this.bodies.statusError(request, response).flatMapMany(Flux::error);
			}
			BytezErrors errors = this.bodies.errors(request);
			if (status >= 300 && status < 400) {
				return response.releaseBody()
					.thenMany(Flux.<T>error(errors.redirect(request.operation(), request.modelId(), status,
							response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION))));
			}
			if (status < 200 || status >= 300) {
				return response.releaseBody()
					.thenMany(Flux.<T>error(errors.notFinal(request.operation(), request.modelId(), status)));
			}
			// whatever a codec or a reader trips over in a 2xx answer is a malformed answer, never a
			// transport failure (which would be retried) and never a bare programming error
			return Flux.defer(() -> {
				// a malformed Content-Type is a malformed answer, whichever reader would have looked at it
				response.headers().contentType();
				return read(request, reader, response, observation);
			})
				.onErrorMap(BytezErrors::isMalformedAnswer,
						(ex) -> errors.unreadable(request.operation(), request.modelId(), status, ex));
		});
		Duration timeout = this.settings.responseTimeout();
		// a stream's deadline is its headers; a JSON call's the whole answer, however slowly it trickles
		Mono<Long> deadline = Mono.delay(timeout)
			.flatMap((tick) -> (reader.streamed() && headersArrived.get()) ? Mono.never() : Mono.just(tick));
		return failAt(answer, deadline, () -> new BytezTimeoutException(
				BytezException.describe(request.operation(), request.modelId()) + " timed out: "
						+ (reader.streamed() ? "the response headers" : "the whole answer") + " did not arrive within "
						+ this.settings.names().of("responseTimeout") + " (" + timeout + ")",
				request.operation(), request.modelId(), null));
	}

	/**
	 * Hand an answer's rate-limit and metering headers to the observation, the meters, the listener and
	 * the listener the subscriber put in its context; a failing listener is logged, never the call's failure.
	 */
	private void answered(BytezRequest request, CallObservation observation, int status, BytezCallMetadata metadata,
			@Nullable BytezCallListener callListener) {
		observation.answered(metadata);
		if (this.adaptiveLimit != null && metadata.limit().isPresent()) {
			this.adaptiveLimit.reported(metadata.limit().getAsInt());
		}
		BytezCallListener.Event event = new BytezCallListener.Event(request.operation(), request.modelId(),
				observation.attempts(), status, metadata);
		try {
			this.settings.callListener().onAnswer(event);
			if (callListener != null) {
				callListener.onAnswer(event);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("A BytezCallListener failed; the call goes on", ex);
		}
	}

	private <T> Flux<T> read(BytezRequest request, ResponseReader<T> reader, ClientResponse response,
			CallObservation observation) {
		Flux<T> elements = reader.read(request, response, observation);
		if (reader.streamed() && this.settings.streamIdleTimeout() != null) {
			return StreamIdleTimeout.failWhenIdle(elements, this.settings.streamIdleTimeout(), Schedulers.parallel());
		}
		return elements;
	}

	private WebClient.RequestHeadersSpec<?> prepare(BytezRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.route().uri())
			.headers((headers) -> {
				if (!request.route().selfHosted()) {
					headers.set(HttpHeaders.AUTHORIZATION,
							(request.apiKey() != null) ? request.apiKey() : this.settings.authorization());
					if (request.providerKey() != null) {
						headers.set("provider-key", request.providerKey());
					}
				}
			});
		if (request.body() == null) {
			return spec;
		}
		return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(request.body());
	}

	private BytezRetry retry(BytezRequest request, BooleanSupplier mayRetry) {
		BytezRetryPolicy policy = (request.retryPolicy() != null) ? request.retryPolicy()
				: this.settings.retryPolicy();
		return new BytezRetry(policy, request.operation(), request.modelId(), mayRetry, (event) -> {
			this.instrumentation.recordRetry(event);
			this.settings.retryListener().onRetry(event);
		}, BytezRetry.threadLocalRandom(), this.settings.names());
	}

	private void logRequest(BytezRequest request) {
		if (logger.isDebugEnabled()) {
			logger.debug("Bytez " + request.operation() + " " + request.method() + " "
					+ ((request.modelId() != null) ? request.modelId() : request.operation())
					+ (request.route().selfHosted() ? " (self-hosted endpoint)" : ""));
		}
	}

}
