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
		assertThat(choice.get("message").get("content").stringValue()).isEqualTo("Aaaaaaaargh matey");
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(completion.get("usage").toString())
			.isEqualTo("{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}");
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").path()).isEqualTo(CHAT_PATH);
	}

	@Test
	void streamedChatCompletionIsServerSentEventsEndedByDone() {
		this.stub.streamPacing(StreamPacing.chunks(4).every(Duration.ofMillis(30)));
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH, "{\"model\":\"Qwen/Qwen3-4B\","
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
		assertThat(text).isEqualTo("Aaaaaaaargh matey");
		assertThat(chunks).hasSize(6);
		assertThat(chunks.get(4).get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(chunks.get(5).get("choices")).isEmpty();
		assertThat(chunks.get(5).get("usage").get("completion_tokens").intValue()).isEqualTo(2);
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
		assertThat(this.http.send("POST", "/models/v2/openai/v1/embeddings", "{\"model\":\"Qwen/Qwen3-4B\"}")
			.statusCode()).isEqualTo(404);
		assertThat(this.http.send("POST", "/models/v2/openai/v1/responses",
				"{\"model\":\"Qwen/Qwen3-4B\",\"input\":\"x\",\"stream\":true}")
			.statusCode()).isEqualTo(400);
	}

	@Test
	void aScriptOnAModelAppliesToItsOpenAiCalls() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().rateLimited(Duration.ofSeconds(2));
		HttpResponse<String> limited = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
			.statusCode()).isEqualTo(200);
	}

	private static List<String> dataLines(String body) {
		assertThat(body).endsWith("\n\n");
		return body.lines().filter((line) -> !line.isEmpty()).map((line) -> {
			assertThat(line).startsWith("data: ");
			return line.substring("data: ".length());
		}).toList();
	}

}
