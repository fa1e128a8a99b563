package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;

import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatusCode;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The OpenAI-compatible calls, under {@code /models/v2/openai/v1}, over the shared call pipeline.
 */
public final class DefaultBytezOpenAi implements BytezOpenAi {

	private final CallPipeline pipeline;

	private final ObjectMapper mapper;

	private final ResponseBodies bodies;

	private final ClientInstrumentation instrumentation;

	private final ChatCompletionEventReader events;

	private final String providerKey;

	public DefaultBytezOpenAi(CallPipeline pipeline, ObjectMapper mapper, ResponseBodies bodies,
			ClientInstrumentation instrumentation, String providerKey) {
		this.pipeline = pipeline;
		this.mapper = mapper;
		this.bodies = bodies;
		this.instrumentation = instrumentation;
		this.events = new ChatCompletionEventReader(bodies, mapper, instrumentation);
		this.providerKey = providerKey;
	}

	@Override
	public Mono<ChatCompletion> chatCompletion(ChatCompletionRequest request) {
		BytezRequest call = request(BytezOperation.CHAT_COMPLETIONS, Route.chatCompletions(), chatBody(request, false),
				request.model());
		return this.pipeline.exchangeForValue(call, answer(call, ChatCompletion.class));
	}

	@Override
	public Flux<ChatCompletionChunk> streamChatCompletion(ChatCompletionRequest request) {
		BytezRequest call = request(BytezOperation.STREAM_CHAT_COMPLETIONS, Route.chatCompletions(),
				chatBody(request, true), request.model());
		return this.pipeline.exchange(call, this.events);
	}

	@Override
	public Mono<Completion> completion(CompletionRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.put("prompt", request.prompt());
		BytezRequest call = request(BytezOperation.COMPLETIONS, Route.completions(), body, request.model());
		return this.pipeline.exchangeForValue(call, answer(call, Completion.class));
	}

	@Override
	public Mono<ResponsesResult> responses(ResponsesRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("input", this.mapper.valueToTree(request.input()));
		BytezRequest call = request(BytezOperation.RESPONSES, Route.responses(), body, request.model());
		return this.pipeline.exchangeForValue(call, answer(call, ResponsesResult.class));
	}

	private ObjectNode chatBody(ChatCompletionRequest request, boolean stream) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("messages", this.mapper.valueToTree(request.messages()));
		if (stream) {
			body.put("stream", true);
		}
		return body;
	}

	private ObjectNode body(String model, Map<String, Object> params) {
		ModelIds.validate(model);
		ObjectNode body = this.mapper.createObjectNode();
		body.put("model", model);
		params.forEach((name, value) -> body.set(name, this.mapper.valueToTree(value)));
		return body;
	}

	private BytezRequest request(BytezOperation operation, Route route, ObjectNode body, String model) {
		return BytezRequest.post(operation, route)
			.model(model)
			.body(this.mapper.writeValueAsBytes(body))
			.providerKey(this.providerKey)
			.build();
	}

	private <T> JsonAnswerReader<T> answer(BytezRequest call, Class<T> type) {
		return new JsonAnswerReader<>(this.bodies, (root) -> {
			this.instrumentation.recordTokenUsage(call.operation(), call.modelId(), root.get("usage"));
			return this.events.convert(call, root, type, HttpStatusCode.valueOf(200));
		});
	}

}
