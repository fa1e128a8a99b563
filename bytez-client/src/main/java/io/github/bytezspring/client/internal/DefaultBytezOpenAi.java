package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.openai.BytezOpenAi;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.bytezspring.client.internal.BytezExchanges.Call;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The OpenAI-compatible calls over the shared exchange machinery, under
 * {@code /models/v2/openai/v1}.
 */
public final class DefaultBytezOpenAi implements BytezOpenAi {

	private static final String BASE = "/models/v2/openai/v1";

	private static final String DONE = "[DONE]";

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final BytezExchanges exchanges;

	private final String providerKey;

	public DefaultBytezOpenAi(BytezExchanges exchanges, String providerKey) {
		this.exchanges = exchanges;
		this.providerKey = providerKey;
	}

	@Override
	public Mono<ChatCompletion> chatCompletion(ChatCompletionRequest request) {
		Call call = call(BytezOperation.CHAT_COMPLETIONS, "/chat/completions", chatBody(request, false), request.model());
		return this.exchanges.json(call, (root) -> read(call, root, ChatCompletion.class));
	}

	@Override
	public Flux<ChatCompletionChunk> streamChatCompletion(ChatCompletionRequest request) {
		Call call = call(BytezOperation.STREAM_CHAT_COMPLETIONS, "/chat/completions", chatBody(request, true),
				request.model());
		return this.exchanges.stream(call, (response, observation) -> readEvents(call, response, observation));
	}

	@Override
	public Mono<Completion> completion(CompletionRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.put("prompt", request.prompt());
		Call call = call(BytezOperation.COMPLETIONS, "/completions", body, request.model());
		return this.exchanges.json(call, (root) -> read(call, root, Completion.class));
	}

	@Override
	public Mono<ResponsesResult> responses(ResponsesRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("input", this.exchanges.mapper().valueToTree(request.input()));
		Call call = call(BytezOperation.RESPONSES, "/responses", body, request.model());
		return this.exchanges.json(call, (root) -> read(call, root, ResponsesResult.class));
	}

	private ObjectNode chatBody(ChatCompletionRequest request, boolean stream) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("messages", this.exchanges.mapper().valueToTree(request.messages()));
		if (stream) {
			body.put("stream", true);
		}
		return body;
	}

	private ObjectNode body(String model, Map<String, Object> params) {
		ModelIds.validate(model);
		ObjectNode body = this.exchanges.mapper().createObjectNode();
		body.put("model", model);
		params.forEach((name, value) -> body.set(name, this.exchanges.mapper().valueToTree(value)));
		return body;
	}

	private Call call(BytezOperation operation, String path, ObjectNode body, String model) {
		return new Call(operation, model, HttpMethod.POST, (uri) -> uri.path(BASE + path).build(),
				this.exchanges.mapper().writeValueAsBytes(body), this.providerKey, this.exchanges.retryPolicy(), true);
	}

	private <T> T read(Call call, JsonNode root, Class<T> type) {
		this.exchanges.instrumentation().recordTokenUsage(call.operation(), call.modelId(), root.get("usage"));
		return convert(call, root, type, HttpStatusCode.valueOf(200));
	}

	private <T> T convert(Call call, JsonNode node, Class<T> type, HttpStatusCode status) {
		try {
			return this.exchanges.mapper().treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw this.exchanges.errors()
				.invalid(call.operation(), call.modelId(), status,
						"that is not a " + type.getSimpleName() + " (" + ex.getOriginalMessage() + ")",
						node.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	private Flux<ChatCompletionChunk> readEvents(Call call, ClientResponse response, CallObservation observation) {
		HttpStatusCode status = response.statusCode();
		if (BytezExchanges.isJson(response)) {
			// a JSON answer instead of events: an error, or a whole completion sent at once
			return this.exchanges.readBody(call, response).flatMapMany((body) -> {
				JsonNode root = this.exchanges.readJsonInsteadOfStream(call, status, body);
				ChatCompletion completion = convert(call, root, ChatCompletion.class, status);
				return Flux.just(new ChatCompletionChunk(completion.id(), "chat.completion.chunk", completion.created(),
						completion.model(), completion.choices()
							.stream()
							.map((choice) -> new ChatCompletionChunk.Choice(choice.index(),
									new ChatCompletionChunk.Delta(choice.message().role(), choice.message().content()),
									choice.finishReason()))
							.toList(),
						completion.usage()));
			});
		}
		return response.bodyToFlux(EVENTS)
			.mapNotNull(ServerSentEvent::data)
			.doOnNext((data) -> observation.bytesReceived(data.getBytes(StandardCharsets.UTF_8).length))
			.takeWhile((data) -> !DONE.equals(data.strip()))
			.filter((data) -> !data.isBlank())
			.map(readChunk(call, status));
	}

	private Function<String, ChatCompletionChunk> readChunk(Call call, HttpStatusCode status) {
		return (data) -> {
			JsonNode node;
			try {
				node = this.exchanges.mapper().readTree(data);
			}
			catch (JacksonException ex) {
				throw this.exchanges.errors()
					.invalid(call.operation(), call.modelId(), status, "with an event that is not JSON",
							data.getBytes(StandardCharsets.UTF_8));
			}
			JsonNode error = node.get("error");
			if (error != null && !error.isNull()) {
				throw this.exchanges.errors().forErrorInBody(call.operation(), call.modelId(), status, error);
			}
			ChatCompletionChunk chunk = convert(call, node, ChatCompletionChunk.class, status);
			if (chunk.usage() != null) {
				this.exchanges.instrumentation().recordTokenUsage(call.operation(), call.modelId(), node.get("usage"));
			}
			return chunk;
		};
	}

}
