package io.github.bytezspring.client.openai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpenAiRequestTests {

	@Test
	void requestsRejectMissingPartsWithIllegalArgumentsNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatCompletionRequest.of(" ", ChatMessage.user("hi")))
			.withMessage("model must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatCompletionRequest.of("m", (ChatMessage[]) null))
			.withMessageContaining("messages");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatCompletionRequest.of("m", ChatMessage.user("hi"), null))
			.withMessageContaining("messages");
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.of("m", null))
			.withMessage("prompt must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesRequest.of("m", (List<ChatMessage>) null))
			.withMessageContaining("input");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesRequest.of("m", "p").withParam("stream", true))
			.withMessage("'stream' is set by the request itself, not as a param");
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionRequest.of("m", "p").withMaxTokens(0))
			.withMessage("max_tokens must be positive, was 0");
	}

	@Test
	void paramsAreCopiedAndKeptInOrder() {
		ChatCompletionRequest request = ChatCompletionRequest.of("m", ChatMessage.user("hi"))
			.withTemperature(0.5)
			.withMaxCompletionTokens(10);
		assertThat(request.params()).containsExactly(Map.entry("temperature", 0.5),
				Map.entry("max_completion_tokens", 10));
		assertThat(new CompletionRequest("m", "p", null).params()).isEmpty();
	}

}
