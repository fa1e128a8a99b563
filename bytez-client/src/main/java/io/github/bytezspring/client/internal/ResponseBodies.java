package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;

import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads whole answer bodies: into bytes within the in-memory limit, as the JSON object
 * Bytez sends (failing on a non-null {@code error}), or as the typed exception of an
 * error status.
 */
public final class ResponseBodies {

	private static final byte[] NO_BYTES = new byte[0];

	private final BytezErrors errors;

	/** The in-memory limit when none is given: the template's default, 16 MB. */
	static final int DEFAULT_MAX_IN_MEMORY_SIZE = 16 * 1024 * 1024;

	private final SettingNames names;

	private final int maxInMemorySize;

	public ResponseBodies(BytezErrors errors, SettingNames names) {
		this(errors, names, DEFAULT_MAX_IN_MEMORY_SIZE);
	}

	/**
	 * Read answers within an in-memory limit.
	 * @param errors the error mapping
	 * @param names what the user calls the client's settings
	 * @param maxInMemorySize the most bytes a whole body, or one server-sent event, may
	 * have
	 */
	public ResponseBodies(BytezErrors errors, SettingNames names, int maxInMemorySize) {
		this.errors = errors;
		this.names = names;
		this.maxInMemorySize = maxInMemorySize;
	}

	/** What the user calls the client's settings. */
	SettingNames names() {
		return this.names;
	}

	/** The most bytes a whole body, or one server-sent event, may have. */
	int maxInMemorySize() {
		return this.maxInMemorySize;
	}

	/**
	 * Whether the answer is an HTML page, such as a gateway's error page sent with a 200.
	 */
	static boolean isHtml(ClientResponse response) {
		return response.headers().contentType().filter(MediaType.TEXT_HTML::isCompatibleWith).isPresent();
	}

	/**
	 * Fail with the invalid-answer exception of an HTML page sent in place of
	 * {@code expected}.
	 */
	<T> Flux<T> htmlPage(BytezRequest request, ClientResponse response, String expected) {
		return read(request, response).flatMapMany((body) -> Flux.error(errors(request).invalid(request.operation(),
				request.modelId(), response.statusCode(), "that is an HTML page, not " + expected, body)));
	}

	/**
	 * The raw bytes of a body, whatever its media type says: the readers never let a
	 * codec pick what to do from a header the server may have garbled.
	 */
	static Flux<DataBuffer> buffers(ClientResponse response) {
		return response.body(BodyExtractors.toDataBuffers());
	}

	/**
	 * The error mapping of one call: it masks the configured keys and also the keys this
	 * call sends.
	 * @param request the call
	 * @return the mapping
	 */
	public BytezErrors errors(BytezRequest request) {
		return this.errors.withSecrets(request.providerKey(), request.apiKey());
	}

	/** Whether the answer is JSON (e.g. an envelope sent instead of a stream). */
	public static boolean isJson(ClientResponse response) {
		return response.headers().contentType().filter(MediaType.APPLICATION_JSON::isCompatibleWith).isPresent();
	}

	/** Read a whole body into memory, within the in-memory limit. */
	public Mono<byte[]> read(BytezRequest request, ClientResponse response) {
		return DataBufferUtils.join(buffers(response), this.maxInMemorySize).map((joined) -> {
			try {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(joined);
			}
		})
			.defaultIfEmpty(NO_BYTES)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> errors(request).invalid(request.operation(), request.modelId(), response.statusCode(),
							"larger than " + this.names.of("maxInMemorySize") + " (" + ex.getMessage() + ")",
							NO_BYTES));
	}

	/**
	 * Read a whole successful body as a JSON object whose {@code error}, if present, is
	 * null.
	 */
	public Mono<JsonNode> readJson(BytezRequest request, ClientResponse response) {
		return read(request, response).map((body) -> readJson(request, response.statusCode(), body));
	}

	/**
	 * Read a successful body as a JSON object whose {@code error}, if present, is null.
	 */
	public JsonNode readJson(BytezRequest request, HttpStatusCode status, byte[] body) {
		JsonNode root = errors(request).readObject(request.operation(), request.modelId(), status, body);
		JsonNode error = root.get("error");
		if (error != null && !error.isNull()) {
			throw errors(request).forErrorInBody(request.operation(), request.modelId(), status, error);
		}
		return root;
	}

	/** The typed exception of an answer with an error status. */
	Mono<BytezApiException> statusError(BytezRequest request, ClientResponse response) {
		return read(request, response).map((body) -> errors(request).forStatus(request.operation(), request.modelId(),
				response.statusCode(), response.headers().asHttpHeaders(), body));
	}

}
