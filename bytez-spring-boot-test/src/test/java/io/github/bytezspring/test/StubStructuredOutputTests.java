package io.github.bytezspring.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub's OpenAI-compatible answers to native structured output, to tools on a model
 * that refuses them, and the rate-limit headers on those endpoints.
 */
@ExtendWith(BytezStubExtension.class)
class StubStructuredOutputTests {

	private static final String CHAT_PATH = "/models/v2/openai/v1/chat/completions";

	private static final String RESPONSES_PATH = "/models/v2/openai/v1/responses";

	private static final String BOOK_SCHEMA = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
			+ "\"year\":{\"type\":\"integer\"},\"genre\":{\"type\":\"string\",\"enum\":[\"fiction\",\"history\"]},"
			+ "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"author\":{\"$ref\":\"#/$defs/Author\"},"
			+ "\"subtitle\":{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"string\"}]}},"
			+ "\"required\":[\"title\",\"year\"],\"additionalProperties\":false,"
			+ "\"$defs\":{\"Author\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
			+ "\"alive\":{\"type\":[\"boolean\",\"null\"]}}}}}";

	private static final String BOOK = "{\"title\":\"stub\",\"year\":0,\"genre\":\"fiction\",\"tags\":[\"stub\"],"
			+ "\"author\":{\"name\":\"stub\",\"alive\":false},\"subtitle\":\"stub\"}";

	private final BytezStubServer stub;

	private final StubHttp http;

	StubStructuredOutputTests(BytezStubServer stub) {
		this.stub = stub;
		this.http = new StubHttp(stub);
	}

	@Test
	void aChatCompletionWithAResponseFormatAnswersJsonThatFollowsTheSchema() {
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"A book\"}],"
						+ "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"book\",\"schema\":"
						+ BOOK_SCHEMA + "}}}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode message = StubHttp.json(response).get("choices").get(0).get("message");
		assertThat(message.get("content").stringValue()).isEqualTo(BOOK);
	}

	@Test
	void aResponsesCallWithATextFormatAnswersJsonThatFollowsTheSchema() {
		this.stub.answerText("openai/gpt-4o-mini", "Dune");
		HttpResponse<String> response = this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"openai/gpt-4o-mini\",\"input\":\"A book\",\"text\":{\"format\":{\"type\":\"json_schema\","
						+ "\"name\":\"book\",\"schema\":" + BOOK_SCHEMA + ",\"strict\":true}}}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode result = StubHttp.json(response);
		assertThat(result.get("output_text").stringValue()).isEqualTo(BOOK);
		assertThat(result.get("usage").get("output_tokens").intValue()).isOne();
	}

	@Test
	void anAnthropicModelRefusesTools() {
		this.stub.answerText("anthropic/claude-sonnet-4", "Hello");
		HttpResponse<String> response = this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"anthropic/claude-sonnet-4\",\"input\":\"time?\",\"tools\":[{\"type\":\"function\","
						+ "\"name\":\"get_time\"}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(StubHttp.json(response).get("error").get("message").stringValue())
			.isEqualTo("anthropic does not yet support tool calls");
		HttpResponse<String> withoutTools = this.http.send("POST", RESPONSES_PATH,
				"{\"model\":\"anthropic/claude-sonnet-4\",\"input\":\"time?\"}");
		assertThat(StubHttp.json(withoutTools).get("output_text").stringValue()).isEqualTo("Hello");
	}

	@Test
	void theOpenAiCompatibleEndpointsSendTheRateLimitHeaders() {
		this.stub.metering().limit(25);
		HttpResponse<String> response = this.http.send("POST", CHAT_PATH,
				"{\"model\":\"Qwen/Qwen3-4B\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
		assertThat(response.headers().firstValue("ratelimit-limit")).hasValue("25");
		assertThat(response.headers().firstValue("ratelimit-remaining")).hasValue("24");
		assertThat(response.headers().firstValue("inference-meter")).hasValue(StubMetering.DEFAULT_METER);
	}

}
