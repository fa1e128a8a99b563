package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way every call reaches Bytez: a logical call is observed as a whole, each attempt runs
 * under a concurrency permit, is retried as the call's policy allows, and every failure becomes a
 * typed exception; the template and its groups (clusters, OpenAI-compatible calls) only say what to
 * send and how to read the answer.
 */
public final class BytezExchanges {

	// the template's logger name, written out: naming the class would make this package depend on the root
	private static final Log logger = LogFactory.getLog("io.github.bytezspring.client.BytezTemplate");

	private static final byte[] NO_BYTES = new byte[0];

	private final WebClient webClient;

	private final String authorization;

	private final Duration streamIdleTimeout;

	private final ObjectMapper mapper;

	private final BytezErrors errors;

	private final BytezRetryPolicy retryPolicy;

	private final BytezRetryListener retryListener;

	private final ConcurrencyLimiter limiter;

	private final ClientInstrumentation instrumentation;

	public BytezExchanges(WebClient webClient, String authorization, Duration streamIdleTimeout, ObjectMapper mapper,
			BytezErrors errors, BytezRetryPolicy retryPolicy, BytezRetryListener retryListener,
			ConcurrencyLimiter limiter, ClientInstrumentation instrumentation) {
		this.webClient = webClient;
		this.authorization = authorization;
		this.streamIdleTimeout = streamIdleTimeout;
		this.mapper = mapper;
		this.errors = errors;
		this.retryPolicy = retryPolicy;
		this.retryListener = retryListener;
		this.limiter = limiter;
		this.instrumentation = instrumentation;
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	public BytezErrors errors() {
		return this.errors;
	}

	/** The error mapping of one call: it also masks the keys this call sends. */
	private BytezErrors errors(Call call) {
		return this.errors.withSecrets(call.providerKey());
	}

	public ClientInstrumentation instrumentation() {
		return this.instrumentation;
	}

	public BytezRetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * A call with a JSON answer: the answer must be a JSON object whose {@code error}, if present, is
	 * null; {@code result} turns it into the value, inside the attempt, so that an answer that cannot
	 * be read is observed as the failure it is.
	 */
	public <T> Mono<T> json(Call call, Function<JsonNode, T> result) {
		return Mono.deferContextual((contextView) -> {
			CallObservation observation = this.instrumentation.start(call.operation(), call.modelId(), contextView);
			Mono<T> attempt = Mono.defer(() -> {
				observation.attemptStarted();
				logRequest(call);
				return prepare(call).exchangeToMono((response) -> {
					observation.status(response.statusCode().value());
					return readJson(call, response).map(result);
				});
			}).onErrorMap((ex) -> errors(call).forTransport(call.operation(), call.modelId(), ex));
			Mono<T> limited = (this.limiter != null)
					? this.limiter.limit(attempt, call.operation(), call.modelId()) : attempt;
			return limited.retryWhen(retry(call, () -> true))
				.doOnSuccess((value) -> observation.success())
				.doOnError(observation::failure)
				.doOnCancel(observation::cancelled)
				.contextWrite(observation::putInto);
		});
	}

	/**
	 * A streamed call: an error status becomes a typed exception; a successful answer is read by
	 * {@code reader}, with at most {@code bytez.stream-idle-timeout} between two elements. The call is
	 * retried only while nothing of it has reached the subscriber.
	 */
	public <T> Flux<T> stream(Call call, BiFunction<ClientResponse, CallObservation, Flux<T>> reader) {
		return Flux.deferContextual((contextView) -> {
			CallObservation observation = this.instrumentation.start(call.operation(), call.modelId(), contextView);
			Flux<T> attempt = Flux.defer(() -> {
				observation.attemptStarted();
				logRequest(call);
				return prepare(call).exchangeToFlux((response) -> {
					observation.status(response.statusCode().value());
					if (response.statusCode().isError()) {
						return readBody(call, response).flatMapMany((body) -> Flux.error(statusError(call, response, body)));
					}
					Flux<T> elements = reader.apply(response, observation);
					return (this.streamIdleTimeout != null)
							? StreamIdleTimeout.failWhenIdle(elements, this.streamIdleTimeout, Schedulers.parallel())
							: elements;
				});
			}).onErrorMap((ex) -> errors(call).forTransport(call.operation(), call.modelId(), ex));
			Flux<T> limited = (this.limiter != null)
					? this.limiter.limit(attempt, call.operation(), call.modelId()) : attempt;
			AtomicBoolean emitted = new AtomicBoolean();
			return limited.doOnNext((element) -> emitted.set(true))
				.retryWhen(retry(call, () -> !emitted.get()))
				.doOnNext((element) -> observation.chunkEmitted())
				.doOnComplete(observation::streamCompleted)
				.doOnError(observation::failure)
				.doOnCancel(observation::cancelled)
				.contextWrite(observation::putInto);
		});
	}

	/**
	 * Read a whole body into memory, within {@code bytez.max-in-memory-size}.
	 */
	public Mono<byte[]> readBody(Call call, ClientResponse response) {
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(NO_BYTES)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> errors(call).invalid(call.operation(), call.modelId(), response.statusCode(),
							"larger than bytez.max-in-memory-size (" + ex.getMessage() + ")", NO_BYTES));
	}

	/**
	 * Read a successful JSON answer of a streamed call (sent instead of the stream, e.g. to report an
	 * error): a non-null {@code error} fails.
	 */
	public JsonNode readJsonInsteadOfStream(Call call, HttpStatusCode status, byte[] body) {
		JsonNode root = errors(call).readObject(call.operation(), call.modelId(), status, body);
		failOnError(call, status, root);
		return root;
	}

	public static boolean isJson(ClientResponse response) {
		return response.headers().contentType().filter(MediaType.APPLICATION_JSON::isCompatibleWith).isPresent();
	}

	private Mono<JsonNode> readJson(Call call, ClientResponse response) {
		HttpStatusCode status = response.statusCode();
		return readBody(call, response).map((body) -> {
			if (status.isError()) {
				throw statusError(call, response, body);
			}
			JsonNode root = errors(call).readObject(call.operation(), call.modelId(), status, body);
			failOnError(call, status, root);
			return root;
		});
	}

	private void failOnError(Call call, HttpStatusCode status, JsonNode root) {
		JsonNode error = root.get("error");
		if (error != null && !error.isNull()) {
			throw errors(call).forErrorInBody(call.operation(), call.modelId(), status, error);
		}
	}

	private BytezApiException statusError(Call call, ClientResponse response, byte[] body) {
		return errors(call).forStatus(call.operation(), call.modelId(), response.statusCode(),
				response.headers().asHttpHeaders(), body);
	}

	private WebClient.RequestHeadersSpec<?> prepare(Call call) {
		WebClient.RequestBodySpec spec = this.webClient.method(call.method()).uri(call.uri()).headers((headers) -> {
			if (call.authenticated()) {
				headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
				if (call.providerKey() != null) {
					headers.set("provider-key", call.providerKey());
				}
			}
		});
		if (call.body() == null) {
			return spec;
		}
		return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
	}

	private BytezRetry retry(Call call, BooleanSupplier mayRetry) {
		return new BytezRetry(call.retryPolicy(), call.operation(), call.modelId(), mayRetry, (event) -> {
			this.instrumentation.recordRetry(event);
			this.retryListener.onRetry(event);
		}, BytezRetry.threadLocalRandom());
	}

	private void logRequest(Call call) {
		if (logger.isDebugEnabled()) {
			logger.debug("Bytez " + call.operation() + " " + call.method() + " "
					+ ((call.modelId() != null) ? call.modelId() : call.operation())
					+ (call.authenticated() ? "" : " (self-hosted endpoint)"));
		}
	}

	/**
	 * One request to make: what it is for, where it goes, what it sends, and how often it may be tried.
	 *
	 * @param operation what the call does
	 * @param modelId the model, or {@code null}
	 * @param method the HTTP method
	 * @param uri the request URI, relative to the base URL unless absolute
	 * @param body the JSON body, or {@code null}
	 * @param providerKey the provider key to send, or {@code null}
	 * @param retryPolicy how often the call may be tried
	 * @param authenticated whether to send the keys (not to self-hosted containers)
	 */
	public record Call(BytezOperation operation, String modelId, HttpMethod method, Function<UriBuilder, URI> uri,
			byte[] body, String providerKey, BytezRetryPolicy retryPolicy, boolean authenticated) {

		public Call(BytezOperation operation, String modelId, HttpMethod method, Function<UriBuilder, URI> uri, byte[] body,
				BytezRetryPolicy retryPolicy) {
			this(operation, modelId, method, uri, body, null, retryPolicy, true);
		}

	}

}
