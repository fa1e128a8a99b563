package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;

/**
 * Reads an OpenAI-compatible chat completion stream of server-sent events up to {@code [DONE]}; a
 * whole completion sent as JSON instead becomes one chunk.
 */
final class ChatCompletionEventReader implements ResponseReader<ChatCompletionChunk> {

	private static final String DONE = "[DONE]";

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final ResponseBodies bodies;

	private final ObjectMapper mapper;

	private final ClientInstrumentation instrumentation;

	ChatCompletionEventReader(ResponseBodies bodies, ObjectMapper mapper, ClientInstrumentation instrumentation) {
		this.bodies = bodies;
		this.mapper = mapper;
		this.instrumentation = instrumentation;
	}

	@Override
	public Flux<ChatCompletionChunk> read(BytezRequest request, ClientResponse response, CallObservation observation) {
		HttpStatusCode status = response.statusCode();
		if (ResponseBodies.isJson(response)) {
			// a JSON answer instead of events: an error, or a whole completion sent at once
			return this.bodies.read(request, response).flatMapMany((body) -> {
				JsonNode root = this.bodies.readJson(request, status, body);
				return Flux.just(asChunk(convert(request, root, ChatCompletion.class, status)));
			});
		}
		return response.bodyToFlux(EVENTS)
			.mapNotNull(ServerSentEvent::data)
			.doOnNext((data) -> observation.bytesReceived(data.getBytes(StandardCharsets.UTF_8).length))
			.takeWhile((data) -> !DONE.equals(data.strip()))
			.filter((data) -> !data.isBlank())
			.map((data) -> readChunk(request, status, data));
	}

	@Override
	public boolean streamed() {
		return true;
	}

	private static ChatCompletionChunk asChunk(ChatCompletion completion) {
		return new ChatCompletionChunk(completion.id(), "chat.completion.chunk", completion.created(),
				completion.model(), completion.choices()
					.stream()
					.map((choice) -> new ChatCompletionChunk.Choice(choice.index(),
							new ChatCompletionChunk.Delta(choice.message().role(), choice.message().content()),
							choice.finishReason()))
					.toList(),
				completion.usage());
	}

	private ChatCompletionChunk readChunk(BytezRequest request, HttpStatusCode status, String data) {
		JsonNode node;
		try {
			node = this.mapper.readTree(data);
		}
		catch (JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status, "with an event that is not JSON",
						data.getBytes(StandardCharsets.UTF_8));
		}
		JsonNode error = node.get("error");
		if (error != null && !error.isNull()) {
			throw this.bodies.errors(request).forErrorInBody(request.operation(), request.modelId(), status, error);
		}
		ChatCompletionChunk chunk = convert(request, node, ChatCompletionChunk.class, status);
		if (chunk.usage() != null) {
			this.instrumentation.recordTokenUsage(request.operation(), request.modelId(), node.get("usage"));
		}
		return chunk;
	}

	<T> T convert(BytezRequest request, JsonNode node, Class<T> type, HttpStatusCode status) {
		try {
			return this.mapper.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), status,
						"that is not a " + type.getSimpleName() + " (" + ex.getOriginalMessage() + ")",
						node.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

}
