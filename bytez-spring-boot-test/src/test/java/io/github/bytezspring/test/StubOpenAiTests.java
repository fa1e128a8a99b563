package io.github.bytezspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the stub's OpenAI-compatible endpoints.
 */
@ExtendWith(BytezStubExtension.class)
class StubOpenAiTests {

	private static final String CHAT_PATH = "/models/v2/openai/v1/chat/completions";

	private static final String RESPONSES_PATH = "/models/v2/openai/v1/responses";

	private static final String WEATHER_TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
			+ "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
			+ "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"days\":{\"type\":\"integer\"},"
			+ "\"verbose\":{\"type\":\"boolean\"}},\"required\":[\"city\",\"unit\",\"days\"]}}},"
			+ "{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}]";

	private final BytezStubServer stub;

	private final StubHttp http;

	StubOpenAiTests(BytezStubServer stub) {
		this.stub = stub;
		this.http = new StubHttp(stub);
	}

	@Test
	void chatCompletionAnswersTheModelsTextWithUsage() {
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, bot\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode completion = StubHttp.json(response);
		assertThat(completion.get("id").stringValue()).startsWith("chatcmpl-");
		assertThat(completion.get("object").stringValue()).isEqualTo("chat.completion");
		assertThat(completion.get("created").longValue()).isPositive();
		assertThat(completion.get("model").stringValue()).isEqualTo("Qwen/Qwen3-4B");
		JsonNode choice = completion.get("choices").get(0);
		assertThat(choice.get("message").get("role").stringValue()).isEqualTo("assistant");
		assertThat(choice.get("message").get("content").stringValue()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(completion.get("usage").toString())
			.as("tokens counted as words: Aaaaaaaargh, matey, À, bientôt, —, 🦜")
			.isEqualTo("{\"prompt_tokens\":3,\"completion_tokens\":6,\"total_tokens\":9}");
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").path()).isEqualTo(CHAT_PATH);
	}

	@Test
	void streamedChatCompletionIsServerSentEventsEndedByDone() {
		this.stub.streamPacing(StreamPacing.chunks(4).every(Duration.ofMillis(30)));
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\","
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
						+ "\"stream_options\":{\"include_usage\":true}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		List<String> data = dataLines(response.body());
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(StubHttp.MAPPER::readTree).toList();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.get("object").stringValue()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.get("id").stringValue()).isEqualTo(chunks.get(0).get("id").stringValue());
		});
		assertThat(chunks.get(0).get("choices").get(0).get("delta").get("role").stringValue()).isEqualTo("assistant");
		String text = chunks.stream()
			.flatMap((chunk) -> chunk.get("choices").valueStream())
			.map((choice) -> choice.get("delta").path("content").asString(""))
			.collect(Collectors.joining());
		assertThat(text).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(chunks).hasSize(6);
		assertThat(chunks.get(4).get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(chunks.get(5).get("choices")).isEmpty();
		assertThat(chunks.get(5).get("usage").get("completion_tokens").intValue()).isEqualTo(6);
	}

	@Test
	void streamedChatCompletionArrivesOverTime() throws Exception {
		this.stub.streamPacing(StreamPacing.chunks(3).every(Duration.ofMillis(100)));
		HttpResponse<java.util.stream.Stream<String>> response = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}",
				HttpResponse.BodyHandlers.ofLines());
		List<Long> arrivals = new ArrayList<>();
		long start = System.nanoTime();
		response.body().filter((line) -> line.startsWith("data: ")).forEach((line) -> arrivals.add(System.nanoTime()));
		assertThat(arrivals).hasSize(5);
		assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - start)).isGreaterThan(Duration.ofMillis(150));
	}

	@Test
	void completionAnswersJsonAndStreams() {
		JsonNode completion = StubHttp.json(this.http.send("POST", "/models/v2/openai/v1/completions",
				"{\"model\":\"openai-community/gpt2\",\"prompt\":\"Once upon a time\"}"));
		assertThat(completion.get("object").stringValue()).isEqualTo("text_completion");
		assertThat(completion.get("choices").get(0).get("text").stringValue())
			.isEqualTo(this.stub.exampleText("text-generation"));
		assertThat(completion.get("usage").get("prompt_tokens").intValue()).isEqualTo(4);
		HttpResponse<String> stream = this.http.send("POST", "/models/v2/openai/v1/completions",
				"{\"model\":\"openai-community/gpt2\",\"prompt\":\"Once\",\"stream\":true}");
		List<String> data = dataLines(stream.body());
		assertThat(data).last().isEqualTo("[DONE]");
		String text = data.subList(0, data.size() - 1)
			.stream()
			.map((line) -> StubHttp.MAPPER.readTree(line).get("choices").get(0).get("text").stringValue())
			.collect(Collectors.joining());
		assertThat(text).isEqualTo(this.stub.exampleText("text-generation"));
	}

	@Test
	void responsesAnswersJson() {
		this.stub.answerText("openai/gpt-4o-mini", "Paris.");
		JsonNode response = StubHttp.json(this.http.send("POST", "/models/v2/openai/v1/responses",
				"{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Capital of France?\"}"));
		assertThat(response.get("object").stringValue()).isEqualTo("response");
		assertThat(response.get("model").stringValue()).isEqualTo("openai/gpt-4o-mini");
		assertThat(response.get("output_text").stringValue()).isEqualTo("Paris.");
		JsonNode message = response.get("output").get(0);
		assertThat(message.get("type").stringValue()).isEqualTo("message");
		assertThat(message.get("content").get(0).get("type").stringValue()).isEqualTo("output_text");
		assertThat(message.get("content").get(0).get("text").stringValue()).isEqualTo("Paris.");
		assertThat(response.get("usage").toString())
			.isEqualTo("{\"input_tokens\":3,\"output_tokens\":1,\"total_tokens\":4}");
		assertThat(this.stub.lastRequest("openai/gpt-4o-mini").json().get("input").stringValue())
			.isEqualTo("Capital of France?");
	}

	@Test
	void unknownModelsAndBadRequestsAreRefusedInOpenAiShape() {
		HttpResponse<String> unknown = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"acme/unknown\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(StubHttp.json(unknown).get("error").get("type").stringValue()).isEqualTo("model_not_found");
		assertThat(this.http.send("POST", CHAT_PATH, "{\"messages\":[]}").statusCode()).isEqualTo(400);
		assertThat(this.http.send("POST", CHAT_PATH, "{\"model\":\"Qwen/Qwen3-4B\"}").statusCode()).isEqualTo(400);
		HttpResponse<String> labels = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"google/vit-base-patch16-224\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(labels.statusCode()).isEqualTo(400);
		assertThat(StubHttp.json(labels).get("error").get("message").stringValue()).contains("does not produce text");
		assertThat(
				this.http.send("POST", "/models/v2/openai/v1/embeddings", "{\"model\":\"Qwen/Qwen3-4B\"}").statusCode())
			.isEqualTo(404);
		assertThat(
				this.http.send("POST", "/models/v2/openai/v1/responses", "{\"model\":\"Qwen/Qwen3-4B\",\"input\":[]}")
					.statusCode())
			.isEqualTo(400);
		assertThat(this.http
			.send("POST", CHAT_PATH,
					"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":{}}")
			.statusCode()).isEqualTo(400);
	}

	@Test
	void streamedResponsesAreOpenAisResponsesEvents() {
		this.stub.answerText("openai/gpt-4o-mini", "Paris is lovely");
		this.stub.streamPacing(StreamPacing.chunks(3).every(Duration.ofMillis(10)));
		HttpResponse<String> response = this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Capital of France?\",\"stream\":true}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		List<String> names = response.body()
			.lines()
			.filter((line) -> line.startsWith("event: "))
			.map((line) -> line.substring("event: ".length()))
			.toList();
		assertThat(names).containsExactly("response.created", "response.in_progress", "response.output_item.added",
				"response.content_part.added", "response.output_text.delta", "response.output_text.delta",
				"response.output_text.delta", "response.output_text.done", "response.content_part.done",
				"response.output_item.done", "response.completed");
		assertThat(response.body()).doesNotContain("[DONE]");
		List<JsonNode> events = dataLines(response.body()).stream().map(StubHttp.MAPPER::readTree).toList();
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).get("type").stringValue()).isEqualTo(names.get(i));
			assertThat(events.get(i).get("sequence_number").intValue()).isEqualTo(i);
		}
		assertThat(events.stream()
			.filter((event) -> event.get("type").stringValue().equals("response.output_text.delta"))
			.map((event) -> event.get("delta").stringValue())
			.collect(Collectors.joining())).isEqualTo("Paris is lovely");
		assertThat(events.get(0).get("response").get("status").stringValue()).isEqualTo("in_progress");
		JsonNode completed = events.get(events.size() - 1).get("response");
		assertThat(completed.get("status").stringValue()).isEqualTo("completed");
		assertThat(completed.get("output_text").stringValue()).isEqualTo("Paris is lovely");
		assertThat(completed.get("output").get(0).get("content").get(0).get("text").stringValue())
			.isEqualTo("Paris is lovely");
		assertThat(completed.get("usage").get("output_tokens").intValue()).isEqualTo(3);
	}

	@Test
	void aChatRequestWithToolsIsAnsweredWithACallOfTheFirstToolWithPlaceholderArguments() {
		JsonNode completion = StubHttp.json(this.http.send("POST", CHAT_PATH, "{\"model\":\"Qwen/Qwen3-4B\","
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]," + WEATHER_TOOLS + "}"));
		JsonNode choice = completion.get("choices").get(0);
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("tool_calls");
		JsonNode message = choice.get("message");
		assertThat(message.get("content").isNull()).isTrue();
		JsonNode call = message.get("tool_calls").get(0);
		assertThat(call.get("id").stringValue()).startsWith("call_stub_");
		assertThat(call.get("type").stringValue()).isEqualTo("function");
		assertThat(call.get("function").get("name").stringValue()).isEqualTo("get_weather");
		assertThat(call.get("function").get("arguments").stringValue())
			.isEqualTo("{\"city\":\"stub\",\"unit\":\"celsius\",\"days\":0}");
	}

	@Test
	void theChosenToolIsCalledAndAToolResultOrNoneGetsTheModelsText() {
		String user = "{\"role\":\"user\",\"content\":\"Time?\"}";
		JsonNode named = StubHttp.json(this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[" + user + "]," + WEATHER_TOOLS
						+ ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}}"));
		assertThat(named.at("/choices/0/message/tool_calls/0/function/name").stringValue()).isEqualTo("get_time");
		assertThat(named.at("/choices/0/message/tool_calls/0/function/arguments").stringValue()).isEqualTo("{}");
		JsonNode none = StubHttp.json(this.http.send("POST", CHAT_PATH, "{\"model\":\"Qwen/Qwen3-4B\",\"messages\":["
				+ user + "]," + WEATHER_TOOLS + ",\"tool_choice\":\"none\"}"));
		assertThat(none.at("/choices/0/message/content").stringValue()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		JsonNode answered = StubHttp.json(this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[" + user
						+ ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},"
						+ "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"12:00\"}]," + WEATHER_TOOLS + "}"));
		assertThat(answered.at("/choices/0/message/content").stringValue())
			.isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(answered.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
		HttpResponse<String> missing = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[" + user + "]," + WEATHER_TOOLS
						+ ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(StubHttp.json(missing).at("/error/message").stringValue()).contains("tool_choice");
	}

	@Test
	void aStreamedToolCallArrivesInArgumentFragments() {
		this.stub.streamPacing(StreamPacing.chunks(4).every(Duration.ofMillis(10)));
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH, "{\"model\":\"Qwen/Qwen3-4B\","
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"stream\":true," + WEATHER_TOOLS + "}");
		List<String> data = dataLines(response.body());
		assertThat(data).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(StubHttp.MAPPER::readTree).toList();
		JsonNode first = chunks.get(0).at("/choices/0/delta");
		assertThat(first.get("role").stringValue()).isEqualTo("assistant");
		assertThat(first.at("/tool_calls/0/id").stringValue()).startsWith("call_stub_");
		assertThat(first.at("/tool_calls/0/function/name").stringValue()).isEqualTo("get_weather");
		String arguments = chunks.stream()
			.map((chunk) -> chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asString(""))
			.collect(Collectors.joining());
		assertThat(arguments).isEqualTo("{\"city\":\"stub\",\"unit\":\"celsius\",\"days\":0}");
		assertThat(chunks).hasSize(6);
		assertThat(chunks.get(5).at("/choices/0/finish_reason").stringValue()).isEqualTo("tool_calls");
	}

	@Test
	void responsesWithToolsAnswerAFunctionCallItemStreamedAsArgumentDeltas() {
		String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"get_time\",\"parameters\":{\"type\":\"object\","
				+ "\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}}]";
		JsonNode response = StubHttp.json(this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"input\":\"Time?\"," + tools + "}"));
		JsonNode item = response.get("output").get(0);
		assertThat(item.get("type").stringValue()).isEqualTo("function_call");
		assertThat(item.get("name").stringValue()).isEqualTo("get_time");
		assertThat(item.get("call_id").stringValue()).startsWith("call_stub_");
		assertThat(item.get("arguments").stringValue()).isEqualTo("{\"zone\":\"stub\"}");
		HttpResponse<String> stream = this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"input\":\"Time?\",\"stream\":true," + tools + "}");
		List<JsonNode> events = dataLines(stream.body()).stream().map(StubHttp.MAPPER::readTree).toList();
		assertThat(events.stream()
			.filter((event) -> event.get("type").stringValue().equals("response.function_call_arguments.delta"))
			.map((event) -> event.get("delta").stringValue())
			.collect(Collectors.joining())).isEqualTo("{\"zone\":\"stub\"}");
		assertThat(events.get(events.size() - 1).at("/response/output/0/type").stringValue())
			.isEqualTo("function_call");
		JsonNode answered = StubHttp.json(this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\","
						+ "\"input\":[{\"role\":\"user\",\"content\":\"Time?\"},{\"type\":\"function_call_output\","
						+ "\"call_id\":\"c\",\"output\":\"12:00\"}]," + tools + "}"));
		assertThat(answered.get("output_text").stringValue()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

	@Test
	void aScriptOnAModelAppliesToItsOpenAiCalls() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().rateLimited(Duration.ofSeconds(2));
		HttpResponse<String> limited = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(this.http
			.send("POST", CHAT_PATH,
					"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
			.statusCode()).isEqualTo(200);
	}

	private static List<String> dataLines(String body) {
		assertThat(body).endsWith("\n\n");
		return body.lines().filter((line) -> !line.isEmpty() && !line.startsWith("event: ")).map((line) -> {
			assertThat(line).startsWith("data: ");
			return line.substring("data: ".length());
		}).toList();
	}

}
