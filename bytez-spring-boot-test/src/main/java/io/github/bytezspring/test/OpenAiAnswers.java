package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub's OpenAI-compatible endpoints under {@code /models/v2/openai/v1/}: chat
 * completions and completions (JSON, or Server-Sent Events with {@code "stream": true})
 * and responses (JSON, or OpenAI's Responses events with {@code "stream": true}),
 * answering each model's canned text.
 * <p>
 * A request with {@code tools} is answered with a call of one tool instead, see
 * {@link StubToolCall}; one to an {@code anthropic/} model is refused with status 400, as
 * Bytez documents. A request with a JSON schema for its answer ({@code response_format},
 * {@code text.format}) is answered with JSON that follows it, see
 * {@link StubSchemaAnswer}. Token counts in {@code usage} are words, separated by
 * whitespace: a stand-in for a tokenizer.
 */
final class OpenAiAnswers {

	static final String PREFIX = "/models/v2/openai/v1/";

	private static final String EVENT_STREAM = "text/event-stream";

	/**
	 * The provider whose models refuse tools, as Bytez documents: "anthropic does not yet
	 * support tool calls".
	 */
	private static final String NO_TOOLS_PROVIDER = "anthropic/";

	private final ObjectMapper mapper;

	private final StubModels models;

	private final Supplier<StreamPacing> pacing;

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	OpenAiAnswers(ObjectMapper mapper, StubModels models, Supplier<StreamPacing> pacing, Clock clock) {
		this.mapper = mapper;
		this.models = models;
		this.pacing = pacing;
		this.clock = clock;
	}

	/**
	 * Answer a POST to an endpoint.
	 * @param endpoint the path after {@link #PREFIX}, e.g. {@code chat/completions}
	 * @param body the request body
	 * @return the answer
	 */
	ResponseDefinitionBuilder answer(String endpoint, JsonNode body) {
		if (!endpoint.equals("chat/completions") && !endpoint.equals("completions") && !endpoint.equals("responses")) {
			return error(404, "Unknown OpenAI-compatible endpoint '" + endpoint + "'", "not_found");
		}
		JsonNode model = body.get("model");
		if (model == null || !model.isString() || model.stringValue().isBlank()) {
			return error(400, "'model' is required", "invalid_request_error");
		}
		String modelId = model.stringValue();
		if (!this.models.knows(modelId)) {
			return error(404, "The model '" + modelId + "' does not exist in the Bytez stub; give it an answer "
					+ "with BytezStubServer.answer(..)", "model_not_found");
		}
		String text = this.models.text(modelId);
		if (text == null) {
			return error(400, "The model '" + modelId + "' does not produce text", "invalid_request_error");
		}
		JsonNode tools = body.get("tools");
		if (tools != null && !tools.isNull() && !tools.isArray()) {
			return error(400, "'tools' must be an array", "invalid_request_error");
		}
		if (tools != null && !tools.isEmpty() && modelId.startsWith(NO_TOOLS_PROVIDER)) {
			// what Bytez's documentation says of Anthropic's models on its
			// OpenAI-compatible surface
			return error(400, "anthropic does not yet support tool calls", "invalid_request_error");
		}
		String structured = StubSchemaAnswer.of(body, this.mapper);
		if (structured != null) {
			text = structured;
		}
		boolean stream = body.path("stream").asBoolean(false);
		return switch (endpoint) {
			case "chat/completions" -> chatCompletion(modelId, body, text, stream);
			case "completions" -> completion(modelId, body, text, stream);
			default -> response(modelId, body, text, stream);
		};
	}

	private ResponseDefinitionBuilder chatCompletion(String modelId, JsonNode body, String text, boolean stream) {
		JsonNode messages = body.get("messages");
		if (messages == null || !messages.isArray() || messages.isEmpty()) {
			return error(400, "'messages' must be a non-empty array", "invalid_request_error");
		}
		int promptTokens = 0;
		for (JsonNode message : messages) {
			promptTokens += words(message.get("content"));
		}
		String lastRole = messages.get(messages.size() - 1).path("role").asString("");
		StubToolCall call = StubToolCall.of(body, lastRole.equals("tool"), this.mapper);
		if (call == null && StubToolCall.choiceNamesMissingTool(body)) {
			return error(400, "'tool_choice' names a function that is not in 'tools'", "invalid_request_error");
		}
		long number = this.ids.incrementAndGet();
		String id = "chatcmpl-stub-" + number;
		String callId = "call_stub_" + number;
		String answered = (call != null) ? call.arguments() : text;
		long created = created();
		if (!stream) {
			ObjectNode completion = envelope(id, "chat.completion", created, modelId);
			ObjectNode choice = completion.putArray("choices").addObject();
			choice.put("index", 0);
			ObjectNode message = choice.putObject("message");
			message.put("role", "assistant");
			if (call != null) {
				message.putNull("content");
				ObjectNode toolCall = message.putArray("tool_calls").addObject();
				toolCall.put("id", callId);
				toolCall.put("type", "function");
				toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			}
			else {
				message.put("content", text);
			}
			choice.put("finish_reason", (call != null) ? "tool_calls" : "stop");
			completion.set("usage", usage(promptTokens, words(answered)));
			return Envelope.json(200, this.mapper.writeValueAsString(completion));
		}
		List<ObjectNode> events = new ArrayList<>();
		if (call != null) {
			ObjectNode first = chatChunk(id, created, modelId);
			ObjectNode delta = choiceOf(first).putObject("delta");
			delta.put("role", "assistant");
			ObjectNode start = delta.putArray("tool_calls").addObject();
			start.put("index", 0).put("id", callId).put("type", "function");
			start.putObject("function").put("name", call.name()).put("arguments", "");
			events.add(first);
		}
		List<String> pieces = pieces(answered);
		for (int i = 0; i < pieces.size(); i++) {
			ObjectNode chunk = chatChunk(id, created, modelId);
			ObjectNode choice = choiceOf(chunk);
			ObjectNode delta = choice.putObject("delta");
			if (call != null) {
				ObjectNode fragment = delta.putArray("tool_calls").addObject();
				fragment.put("index", 0);
				fragment.putObject("function").put("arguments", pieces.get(i));
			}
			else {
				if (i == 0) {
					delta.put("role", "assistant");
				}
				delta.put("content", pieces.get(i));
			}
			choice.putNull("finish_reason");
			events.add(chunk);
		}
		ObjectNode last = chatChunk(id, created, modelId);
		ObjectNode choice = choiceOf(last);
		choice.putObject("delta");
		choice.put("finish_reason", (call != null) ? "tool_calls" : "stop");
		events.add(last);
		addUsageChunk(events, body, id, "chat.completion.chunk", created, modelId, promptTokens, answered);
		return sse(events, answered, false);
	}

	private ObjectNode chatChunk(String id, long created, String modelId) {
		ObjectNode chunk = envelope(id, "chat.completion.chunk", created, modelId);
		chunk.putArray("choices");
		return chunk;
	}

	private static ObjectNode choiceOf(ObjectNode chunk) {
		return ((ArrayNode) chunk.get("choices")).addObject().put("index", 0);
	}

	private ResponseDefinitionBuilder completion(String modelId, JsonNode body, String text, boolean stream) {
		JsonNode prompt = body.get("prompt");
		if (prompt == null || !prompt.isString()) {
			return error(400, "'prompt' must be a string", "invalid_request_error");
		}
		int promptTokens = words(prompt);
		String id = "cmpl-stub-" + this.ids.incrementAndGet();
		long created = created();
		if (!stream) {
			ObjectNode completion = envelope(id, "text_completion", created, modelId);
			ObjectNode choice = completion.putArray("choices").addObject();
			choice.put("index", 0);
			choice.put("text", text);
			choice.put("finish_reason", "stop");
			completion.set("usage", usage(promptTokens, words(text)));
			return Envelope.json(200, this.mapper.writeValueAsString(completion));
		}
		List<ObjectNode> events = new ArrayList<>();
		for (String piece : pieces(text)) {
			ObjectNode chunk = envelope(id, "text_completion", created, modelId);
			ObjectNode choice = chunk.putArray("choices").addObject();
			choice.put("index", 0);
			choice.put("text", piece);
			choice.putNull("finish_reason");
			events.add(chunk);
		}
		ObjectNode last = envelope(id, "text_completion", created, modelId);
		ObjectNode choice = last.putArray("choices").addObject();
		choice.put("index", 0);
		choice.put("text", "");
		choice.put("finish_reason", "stop");
		events.add(last);
		addUsageChunk(events, body, id, "text_completion", created, modelId, promptTokens, text);
		return sse(events, text, false);
	}

	private ResponseDefinitionBuilder response(String modelId, JsonNode body, String text, boolean stream) {
		JsonNode input = body.get("input");
		int inputTokens;
		String lastType = "";
		if (input != null && input.isString()) {
			inputTokens = words(input);
		}
		else if (input != null && input.isArray() && !input.isEmpty()) {
			inputTokens = 0;
			for (JsonNode message : input) {
				inputTokens += words(message.get("content"));
			}
			JsonNode last = input.get(input.size() - 1);
			lastType = last.path("role").asString(last.path("type").asString(""));
		}
		else {
			return error(400, "'input' must be a string or an array of messages", "invalid_request_error");
		}
		StubToolCall call = StubToolCall.of(body, lastType.equals("tool") || lastType.equals("function_call_output"),
				this.mapper);
		long number = this.ids.incrementAndGet();
		String answered = (call != null) ? call.arguments() : text;
		ObjectNode response = envelope("resp_stub_" + number, "response", created(), modelId);
		response.put("created_at", response.get("created").longValue());
		response.put("status", "completed");
		ObjectNode item = response.putArray("output").addObject();
		if (call != null) {
			item.put("type", "function_call");
			item.put("id", "fc_stub_" + number);
			item.put("call_id", "call_stub_" + number);
			item.put("name", call.name());
			item.put("arguments", call.arguments());
			item.put("status", "completed");
			response.put("output_text", "");
		}
		else {
			item.put("type", "message");
			item.put("id", "msg_stub_" + number);
			item.put("status", "completed");
			item.put("role", "assistant");
			ObjectNode content = item.putArray("content").addObject();
			content.put("type", "output_text");
			content.put("text", text);
			content.putArray("annotations");
			response.put("output_text", text);
		}
		ObjectNode usage = response.putObject("usage");
		usage.put("input_tokens", inputTokens);
		usage.put("output_tokens", words(answered));
		usage.put("total_tokens", inputTokens + words(answered));
		if (!stream) {
			return Envelope.json(200, this.mapper.writeValueAsString(response));
		}
		return sse(responseEvents(response, item, answered), answered, true);
	}

	/**
	 * OpenAI's Responses events for a response of one output item: created, the item
	 * added, its text or arguments in deltas, done, completed.
	 */
	private List<ObjectNode> responseEvents(ObjectNode response, ObjectNode item, String answered) {
		List<ObjectNode> events = new ArrayList<>();
		boolean call = item.path("type").asString("").equals("function_call");
		String itemId = item.get("id").stringValue();
		ObjectNode pending = response.deepCopy();
		pending.put("status", "in_progress");
		pending.putArray("output");
		pending.remove("usage");
		pending.remove("output_text");
		events.add(responseEvent(events, "response.created").set("response", pending));
		events.add(responseEvent(events, "response.in_progress").set("response", pending.deepCopy()));
		ObjectNode added = item.deepCopy();
		added.put("status", "in_progress");
		if (call) {
			added.put("arguments", "");
		}
		else {
			added.putArray("content");
		}
		events.add(responseEvent(events, "response.output_item.added").put("output_index", 0).set("item", added));
		if (!call) {
			ObjectNode part = this.mapper.createObjectNode();
			part.put("type", "output_text").put("text", "").putArray("annotations");
			events.add(responseEvent(events, "response.content_part.added").put("item_id", itemId)
				.put("output_index", 0)
				.put("content_index", 0)
				.set("part", part));
		}
		String deltaType = call ? "response.function_call_arguments.delta" : "response.output_text.delta";
		for (String piece : pieces(answered)) {
			ObjectNode delta = responseEvent(events, deltaType).put("item_id", itemId).put("output_index", 0);
			if (!call) {
				delta.put("content_index", 0);
			}
			events.add(delta.put("delta", piece));
		}
		if (call) {
			events.add(responseEvent(events, "response.function_call_arguments.done").put("item_id", itemId)
				.put("output_index", 0)
				.put("arguments", answered));
		}
		else {
			events.add(responseEvent(events, "response.output_text.done").put("item_id", itemId)
				.put("output_index", 0)
				.put("content_index", 0)
				.put("text", answered));
			events.add(responseEvent(events, "response.content_part.done").put("item_id", itemId)
				.put("output_index", 0)
				.put("content_index", 0)
				.set("part", item.get("content").get(0).deepCopy()));
		}
		events.add(responseEvent(events, "response.output_item.done").put("output_index", 0).set("item", item));
		events.add(responseEvent(events, "response.completed").set("response", response));
		return events;
	}

	private ObjectNode responseEvent(List<ObjectNode> events, String type) {
		ObjectNode event = this.mapper.createObjectNode();
		event.put("type", type);
		event.put("sequence_number", events.size());
		return event;
	}

	private void addUsageChunk(List<ObjectNode> events, JsonNode body, String id, String object, long created,
			String modelId, int promptTokens, String text) {
		if (body.path("stream_options").path("include_usage").asBoolean(false)) {
			ObjectNode chunk = envelope(id, object, created, modelId);
			chunk.putArray("choices");
			chunk.set("usage", usage(promptTokens, words(text)));
			events.add(chunk);
		}
	}

	/**
	 * The events as Server-Sent Events dribbled at the stub's pace: {@code data:} lines
	 * ended by {@code data: [DONE]}, or, for Responses events, each with its
	 * {@code event:} name and no {@code [DONE]}, as OpenAI sends them.
	 */
	private ResponseDefinitionBuilder sse(List<ObjectNode> events, String text, boolean named) {
		StringBuilder body = new StringBuilder();
		for (ObjectNode event : events) {
			if (named) {
				body.append("event: ").append(event.get("type").stringValue()).append('\n');
			}
			body.append("data: ").append(this.mapper.writeValueAsString(event)).append("\n\n");
		}
		if (!named) {
			body.append("data: [DONE]\n\n");
		}
		StreamPacing pacing = this.pacing.get();
		int textLength = text.getBytes(StandardCharsets.UTF_8).length;
		return WireMock.aResponse()
			.withStatus(200)
			.withHeader("Content-Type", EVENT_STREAM)
			.withHeader("Cache-Control", "no-cache")
			.withBody(body.toString().getBytes(StandardCharsets.UTF_8))
			.withChunkedDribbleDelay(events.size() + 1, pacing.totalMillis(textLength));
	}

	/**
	 * The text cut into as many pieces as the pacing asks for, at code point boundaries.
	 */
	private List<String> pieces(String text) {
		int[] codePoints = text.codePoints().toArray();
		int count = Math.max(1, Math.min(this.pacing.get().chunkCount(text.getBytes(StandardCharsets.UTF_8).length),
				codePoints.length));
		List<String> pieces = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int from = codePoints.length * i / count;
			int to = codePoints.length * (i + 1) / count;
			pieces.add(new String(codePoints, from, to - from));
		}
		return pieces;
	}

	private ObjectNode envelope(String id, String object, long created, String modelId) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("id", id);
		node.put("object", object);
		node.put("created", created);
		node.put("model", modelId);
		return node;
	}

	private ObjectNode usage(int promptTokens, int completionTokens) {
		ObjectNode usage = this.mapper.createObjectNode();
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		return usage;
	}

	private long created() {
		return this.clock.instant().getEpochSecond();
	}

	private ResponseDefinitionBuilder error(int status, String message, String type) {
		ObjectNode error = this.mapper.createObjectNode();
		ObjectNode detail = error.putObject("error");
		detail.put("message", message);
		detail.put("type", type);
		detail.putNull("code");
		return Envelope.json(status, this.mapper.writeValueAsString(error));
	}

	/**
	 * The number of words in a message content: a string, or the {@code text} of its
	 * parts.
	 */
	static int words(JsonNode content) {
		if (content == null) {
			return 0;
		}
		if (content.isString()) {
			return words(content.stringValue());
		}
		int words = 0;
		if (content.isArray()) {
			for (JsonNode part : (ArrayNode) content) {
				words += words(part.get("text"));
			}
		}
		return words;
	}

	static int words(String text) {
		String trimmed = text.strip();
		return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
	}

}
