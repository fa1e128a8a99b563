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
 * The stub's OpenAI-compatible endpoints under {@code /models/v2/openai/v1/}: chat completions and
 * completions (JSON, or Server-Sent Events with {@code "stream": true}) and responses (JSON), answering
 * each model's canned text.
 * <p>
 * Token counts in {@code usage} are words, separated by whitespace: a stand-in for a tokenizer.
 */
final class OpenAiAnswers {

	static final String PREFIX = "/models/v2/openai/v1/";

	private static final String EVENT_STREAM = "text/event-stream";

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
		if (!endpoint.equals("chat/completions") && !endpoint.equals("completions")
				&& !endpoint.equals("responses")) {
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
		String id = "chatcmpl-stub-" + this.ids.incrementAndGet();
		long created = created();
		if (!stream) {
			ObjectNode completion = envelope(id, "chat.completion", created, modelId);
			ObjectNode choice = completion.putArray("choices").addObject();
			choice.put("index", 0);
			ObjectNode message = choice.putObject("message");
			message.put("role", "assistant");
			message.put("content", text);
			choice.put("finish_reason", "stop");
			completion.set("usage", usage(promptTokens, words(text)));
			return Envelope.json(200, this.mapper.writeValueAsString(completion));
		}
		List<ObjectNode> events = new ArrayList<>();
		List<String> pieces = pieces(text);
		for (int i = 0; i < pieces.size(); i++) {
			ObjectNode chunk = envelope(id, "chat.completion.chunk", created, modelId);
			ObjectNode choice = chunk.putArray("choices").addObject();
			choice.put("index", 0);
			ObjectNode delta = choice.putObject("delta");
			if (i == 0) {
				delta.put("role", "assistant");
			}
			delta.put("content", pieces.get(i));
			choice.putNull("finish_reason");
			events.add(chunk);
		}
		ObjectNode last = envelope(id, "chat.completion.chunk", created, modelId);
		ObjectNode choice = last.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("delta");
		choice.put("finish_reason", "stop");
		events.add(last);
		addUsageChunk(events, body, id, "chat.completion.chunk", created, modelId, promptTokens, text);
		return sse(events, text);
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
		return sse(events, text);
	}

	private ResponseDefinitionBuilder response(String modelId, JsonNode body, String text, boolean stream) {
		if (stream) {
			return error(400, "The Bytez stub answers /responses without streaming only", "invalid_request_error");
		}
		JsonNode input = body.get("input");
		int inputTokens;
		if (input != null && input.isString()) {
			inputTokens = words(input);
		}
		else if (input != null && input.isArray()) {
			inputTokens = 0;
			for (JsonNode message : input) {
				inputTokens += words(message.get("content"));
			}
		}
		else {
			return error(400, "'input' must be a string or an array of messages", "invalid_request_error");
		}
		long number = this.ids.incrementAndGet();
		ObjectNode response = envelope("resp_stub_" + number, "response", created(), modelId);
		response.put("status", "completed");
		ObjectNode message = response.putArray("output").addObject();
		message.put("type", "message");
		message.put("id", "msg_stub_" + number);
		message.put("role", "assistant");
		ObjectNode content = message.putArray("content").addObject();
		content.put("type", "output_text");
		content.put("text", text);
		response.put("output_text", text);
		ObjectNode usage = response.putObject("usage");
		usage.put("input_tokens", inputTokens);
		usage.put("output_tokens", words(text));
		usage.put("total_tokens", inputTokens + words(text));
		return Envelope.json(200, this.mapper.writeValueAsString(response));
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
	 * The events as {@code data:} lines, ended by {@code data: [DONE]}, dribbled at the stub's pace.
	 */
	private ResponseDefinitionBuilder sse(List<ObjectNode> events, String text) {
		StringBuilder body = new StringBuilder();
		for (ObjectNode event : events) {
			body.append("data: ").append(this.mapper.writeValueAsString(event)).append("\n\n");
		}
		body.append("data: [DONE]\n\n");
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
	 * The number of words in a message content: a string, or the {@code text} of its parts.
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
