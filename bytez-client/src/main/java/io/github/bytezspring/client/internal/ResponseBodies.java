package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;

import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Mono;

/**
 * Reads whole answer bodies: into bytes within the in-memory limit, as the JSON object Bytez sends
 * (failing on a non-null {@code error}), or as the typed exception of an error status.
 */
public final class ResponseBodies {

	private static final byte[] NO_BYTES = new byte[0];

	private final BytezErrors errors;

	private final SettingNames names;

	public ResponseBodies(BytezErrors errors, SettingNames names) {
		this.errors = errors;
		this.names = names;
	}

	/**
	 * The error mapping of one call: it masks the configured keys and also the keys this call sends.
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
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(NO_BYTES)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> errors(request).invalid(request.operation(), request.modelId(), response.statusCode(),
							"larger than " + this.names.of("maxInMemorySize") + " (" + ex.getMessage() + ")",
							NO_BYTES));
	}

	/** Read a whole successful body as a JSON object whose {@code error}, if present, is null. */
	public Mono<JsonNode> readJson(BytezRequest request, ClientResponse response) {
		return read(request, response).map((body) -> readJson(request, response.statusCode(), body));
	}

	/** Read a successful body as a JSON object whose {@code error}, if present, is null. */
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
