package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.observation.BytezOutcome;
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
 * The one way every call reaches Bytez: the logical call has one {@link CallRecord},
 * built as it runs and recorded by the {@link CallRecorder}; each attempt runs under a
 * concurrency permit, every failure becomes a typed exception, and the call is retried as
 * its policy allows (a stream only while nothing reached the subscriber); the operations
 * only say what to send and which {@link ResponseReader} reads the answer.
 */
public final class CallPipeline {

	private static final Log logger = LogFactory.getLog(CallPipeline.class);

	private final WebClient webClient;

	private final PipelineSettings settings;

	private final ResponseBodies bodies;

	private final @Nullable ConcurrencyLimiter limiter;

	private final CallRecorder recorder;

	private final @Nullable SpendGuard spendGuard;

	/**
	 * A pipeline whose calls {@code recorder} records.
	 */
	public CallPipeline(WebClient webClient, PipelineSettings settings, ResponseBodies bodies,
			@Nullable ConcurrencyLimiter limiter, CallRecorder recorder) {
		this(webClient, settings, bodies, limiter, recorder, null);
	}

	/**
	 * A pipeline that also lets a call that runs a model through only while
	 * {@code spendGuard} allows it.
	 */
	public CallPipeline(WebClient webClient, PipelineSettings settings, ResponseBodies bodies,
			@Nullable ConcurrencyLimiter limiter, CallRecorder recorder, @Nullable SpendGuard spendGuard) {
		this.spendGuard = spendGuard;
		this.webClient = webClient;
		this.settings = settings;
		this.bodies = bodies;
		this.limiter = limiter;
		this.recorder = recorder;
	}

	/**
	 * A call with one value, such as a JSON answer: the same pipeline as
	 * {@link #exchange}.
	 */
	public <T> Mono<T> exchangeForValue(BytezRequest request, ResponseReader<T> reader) {
		return exchange(request, reader).singleOrEmpty();
	}

	/**
	 * A call whose successful answer {@code reader} reads; an error status becomes a
	 * typed exception.
	 */
	public <T> Flux<T> exchange(BytezRequest request, ResponseReader<T> reader) {
		return Flux.deferContextual((contextView) -> {
			CallRecord record = this.recorder.start(request, reader.streamed(), contextView);
			Flux<T> attempt = Flux.defer(() -> attempt(request, reader, record))
				.onErrorMap(
						(ex) -> this.bodies.errors(request).forTransport(request.operation(), request.modelId(), ex));
			Flux<T> limited = (this.limiter != null)
					? this.limiter.limit(attempt, request.operation(), request.modelId()) : attempt;
			AtomicBoolean emitted = new AtomicBoolean();
			Flux<T> retried = RetryAfterFailure.retry(limited.doOnNext((element) -> emitted.set(true)),
					() -> retry(request, record, () -> !emitted.get()));
			// the spend guard decides once per call, before its first request: never
			// retried
			Flux<T> call = withinCallTimeout(request, (this.spendGuard != null)
					? this.spendGuard.admit(request.operation(), request.modelId()).thenMany(retried) : retried);
			if (reader.streamed()) {
				call = call.doOnNext((element) -> record.chunkEmitted());
			}
			return call.doOnComplete(() -> this.recorder.ended(record, BytezOutcome.SUCCESS, null))
				.doOnError((ex) -> this.recorder.ended(record, CallRecorder.outcomeOf(ex), ex))
				.doOnCancel(() -> this.recorder.ended(record, BytezOutcome.CANCELLED, null))
				.contextWrite(record::putInto);
		});
	}

	/**
	 * Bound the whole logical call, retries and backoff included, by the call's own
	 * timeout.
	 */
	private <T> Flux<T> withinCallTimeout(BytezRequest request, Flux<T> call) {
		Duration timeout = request.timeout();
		if (timeout == null) {
			return call;
		}
		return failAt(call, Mono.delay(timeout),
				() -> new BytezTimeoutException(
						BytezException.describe(request.operation(), request.modelId())
								+ " timed out: the call did not complete within its timeout (" + timeout + ")",
						request.operation(), request.modelId(), null));
	}

	/**
	 * Cancel {@code source} and fail with {@code failure} when {@code trigger} emits
	 * first; a completed source cancels the trigger. ({@code takeUntilOther} with a
	 * failing trigger would not cancel the source: a retried call would go on in the
	 * background.)
	 */
	private static <T> Flux<T> failAt(Flux<T> source, Mono<?> trigger, Supplier<? extends Throwable> failure) {
		return Flux.defer(() -> {
			AtomicBoolean expired = new AtomicBoolean();
			return source.takeUntilOther(trigger.doOnNext((tick) -> expired.set(true)))
				.concatWith(Mono.defer(() -> expired.get() ? Mono.error(failure.get()) : Mono.empty()));
		});
	}

	private <T> Flux<T> attempt(BytezRequest request, ResponseReader<T> reader, CallRecord record) {
		record.attemptStarted();
		logRequest(request);
		AtomicBoolean headersArrived = new AtomicBoolean();
		long sent = System.nanoTime();
		Flux<T> answer = prepare(request).exchangeToFlux((response) -> {
			headersArrived.set(true);
			this.recorder.firstByte(record, System.nanoTime() - sent);
			int status = response.statusCode().value();
			this.recorder.answered(record, status, CallMetadataHeaders.parse(response.headers().asHttpHeaders()));
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
			// whatever a codec or a reader trips over in a 2xx answer is a malformed
			// answer, never a
			// transport failure (which would be retried) and never a bare programming
			// error
			return Flux.defer(() -> {
				// a malformed Content-Type is a malformed answer, whichever reader would
				// have looked at it
				response.headers().contentType();
				return read(request, reader, response, record);
			})
				.onErrorMap(BytezErrors::isMalformedAnswer,
						(ex) -> errors.unreadable(request.operation(), request.modelId(), status, ex));
		});
		Duration timeout = this.settings.responseTimeout();
		// a stream's deadline is its headers; a JSON call's the whole answer, however
		// slowly it trickles
		Mono<Long> deadline = Mono.delay(timeout)
			.flatMap((tick) -> (reader.streamed() && headersArrived.get()) ? Mono.never() : Mono.just(tick));
		return failAt(answer, deadline, () -> new BytezTimeoutException(
				BytezException.describe(request.operation(), request.modelId()) + " timed out: "
						+ (reader.streamed() ? "the response headers" : "the whole answer") + " did not arrive within "
						+ this.settings.names().of("responseTimeout") + " (" + timeout + ")",
				request.operation(), request.modelId(), null));
	}

	private <T> Flux<T> read(BytezRequest request, ResponseReader<T> reader, ClientResponse response,
			CallRecord record) {
		Flux<T> elements = reader.read(request, response, record);
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

	private BytezRetry retry(BytezRequest request, CallRecord record, BooleanSupplier mayRetry) {
		BytezRetryPolicy policy = (request.retryPolicy() != null) ? request.retryPolicy() : this.settings.retryPolicy();
		return new BytezRetry(policy, request.operation(), request.modelId(), mayRetry, (event) -> {
			this.recorder.retried(record, event);
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
