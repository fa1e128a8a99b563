package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionChunk;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatusCode;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The OpenAI-compatible calls, under {@code /models/v2/openai/v1}, over the shared call
 * pipeline.
 */
public final class DefaultBytezOpenAi implements BytezOpenAi {

	private final CallPipeline pipeline;

	private final ObjectMapper mapper;

	private final ResponseBodies bodies;

	private final OpenAiEvents events;

	private final OpenAiChunkReader<ChatCompletion, ChatCompletionChunk> chatChunks;

	private final OpenAiChunkReader<Completion, CompletionChunk> completionChunks;

	private final ResponsesEventReader responseEvents;

	private final @Nullable String providerKey;

	public DefaultBytezOpenAi(CallPipeline pipeline, ObjectMapper mapper, ResponseBodies bodies,
			@Nullable String providerKey) {
		this.pipeline = pipeline;
		this.mapper = mapper;
		this.bodies = bodies;
		this.events = new OpenAiEvents(bodies, mapper);
		this.chatChunks = new OpenAiChunkReader<>(this.events, ChatCompletion.class, ChatCompletionChunk.class,
				ChatCompletionChunks::of);
		this.completionChunks = new OpenAiChunkReader<>(this.events, Completion.class, CompletionChunk.class,
				(completion) -> new CompletionChunk(completion.id(), completion.object(), completion.created(),
						completion.model(), completion.choices(), completion.usage()));
		this.responseEvents = new ResponsesEventReader(this.events);
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
		return this.pipeline.exchange(call, this.chatChunks);
	}

	@Override
	public Mono<Completion> completion(CompletionRequest request) {
		BytezRequest call = request(BytezOperation.COMPLETIONS, Route.completions(), completionBody(request, false),
				request.model());
		return this.pipeline.exchangeForValue(call, answer(call, Completion.class));
	}

	@Override
	public Flux<CompletionChunk> streamCompletion(CompletionRequest request) {
		BytezRequest call = request(BytezOperation.STREAM_COMPLETIONS, Route.completions(),
				completionBody(request, true), request.model());
		return this.pipeline.exchange(call, this.completionChunks);
	}

	@Override
	public Mono<ResponsesResult> responses(ResponsesRequest request) {
		BytezRequest call = request(BytezOperation.RESPONSES, Route.responses(), responsesBody(request, false),
				request.model());
		return this.pipeline.exchangeForValue(call, new JsonAnswerReader<>(this.bodies, (root, record) -> {
			record.usage(BytezTokenUsage.of(root.get("usage")));
			return this.events.convert(call, root, ResponsesResult.class, HttpStatusCode.valueOf(200)).withRaw(root);
		}));
	}

	@Override
	public Flux<ResponsesStreamEvent> streamResponses(ResponsesRequest request) {
		BytezRequest call = request(BytezOperation.STREAM_RESPONSES, Route.responses(), responsesBody(request, true),
				request.model());
		return this.pipeline.exchange(call, this.responseEvents);
	}

	private ObjectNode chatBody(ChatCompletionRequest request, boolean stream) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("messages", this.mapper.valueToTree(request.messages()));
		if (!request.tools().isEmpty()) {
			body.set("tools", this.mapper.valueToTree(request.tools()));
		}
		if (request.toolChoice() != null) {
			body.set("tool_choice", this.mapper.valueToTree(request.toolChoice()));
		}
		return streamed(body, stream);
	}

	private ObjectNode completionBody(CompletionRequest request, boolean stream) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.put("prompt", request.prompt());
		return streamed(body, stream);
	}

	private ObjectNode responsesBody(ResponsesRequest request, boolean stream) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		ObjectNode body = body(request.model(), request.params());
		body.set("input", this.mapper.valueToTree(request.input()));
		return streamed(body, stream);
	}

	private static ObjectNode streamed(ObjectNode body, boolean stream) {
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
		return new JsonAnswerReader<>(this.bodies, (root, record) -> {
			record.usage(BytezTokenUsage.of(root.get("usage")));
			return this.events.convert(call, root, type, HttpStatusCode.valueOf(200));
		});
	}

}
