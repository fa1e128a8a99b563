package io.github.bytezspring.client.openai;

import io.github.bytezspring.client.model.BytezMediaSource;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The OpenAI types are written and read in OpenAI's JSON shapes.
 */
class OpenAiJsonTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void textContentIsAStringAndPartsAreTypedObjects() {
		assertThat(this.mapper.writeValueAsString(ChatMessage.user("Hi")))
			.isEqualTo("{\"role\":\"user\",\"content\":\"Hi\"}");
		assertThat(this.mapper.writeValueAsString(ChatMessage.user(ChatContentPart.text("Look"),
				ChatContentPart.imageUrl("data:image/png;base64,iVBORw=="))))
			.isEqualTo("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look\"},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw==\"}}]}");
		assertThat(this.mapper.writeValueAsString(ChatContentPart.inputAudio("UklG", "wav")))
			.isEqualTo("{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklG\",\"format\":\"wav\"}}");
		assertThat(this.mapper.writeValueAsString(List.of(ChatMessage.tool("call_1", "42"))))
			.isEqualTo("[{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"call_1\"}]");
	}

	@Test
	void messagesAreReadWithPartsToolCallsAndReasoningUnderEitherName() {
		ChatMessage parts = this.mapper.readValue(
				"""
						{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image_url","image_url":{"url":"https://x.org/a.png","detail":"high"}},
						 {"type":"video_url","video_url":{"url":"https://x.org/v.mp4"}}]}""",
				ChatMessage.class);
		assertThat(parts.content()).isNull();
		assertThat(parts.contentParts()).containsExactly(ChatContentPart.text("Hi"),
				new ChatContentPart.ImageUrlPart(new ChatContentPart.ImageUrl("https://x.org/a.png", "high")));
		ChatMessage reasoning = this.mapper.readValue(
				"{\"role\":\"assistant\",\"content\":\"4\",\"reasoning\":\"2+2\",\"extra\":1}", ChatMessage.class);
		assertThat(reasoning.reasoningContent()).isEqualTo("2+2");
		ChatMessage calls = this.mapper.readValue(
				"""
						{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}""",
				ChatMessage.class);
		assertThat(calls.toolCalls()).containsExactly(ChatToolCall.function("c", "f", "{}"));
		assertThat(this.mapper.readValue(this.mapper.writeValueAsString(calls), ChatMessage.class)).isEqualTo(calls);
	}

	@Test
	void toolsAndToolChoicesAreWrittenAsOpenAiTakesThem() {
		assertThat(this.mapper.writeValueAsString(ChatTool.function("get_time", "The time", Map.of("type", "object"))))
			.isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"description\":\"The time\","
					+ "\"parameters\":{\"type\":\"object\"}}}");
		assertThat(this.mapper.writeValueAsString(ChatToolChoice.auto())).isEqualTo("\"auto\"");
		assertThat(this.mapper.writeValueAsString(ChatToolChoice.none())).isEqualTo("\"none\"");
		assertThat(this.mapper.writeValueAsString(ChatToolChoice.required())).isEqualTo("\"required\"");
		assertThat(this.mapper.writeValueAsString(ChatToolChoice.function("get_time")))
			.isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}");
		assertThat(ChatToolChoice.function("f")).isEqualTo(ChatToolChoice.function("f"))
			.isNotEqualTo(ChatToolChoice.auto());
	}

	@Test
	void badPartsToolsAndMessagesAreRejectedNamingWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChatContentPart.imageUrl("ftp://x.org/a.png"))
			.withMessage("url must be an http(s) URL or a data URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatContentPart.audio(BytezMediaSource.url("https://x.org/a.wav")))
			.withMessageContaining("input_audio takes no URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatContentPart.inputAudio("data:audio/wav;base64,UklG", "wav"))
			.withMessage("data must be the base64 text, not a data URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatTool.function("get weather", null, (Map<String, ?>) null))
			.withMessageContaining("name must be 1 to 64 letters");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatTool.function("f", null, this.mapper.readTree("[1]")))
			.withMessage("parameters must be a JSON object (a schema)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatMessage("user", "x", List.of(ChatContentPart.text("y")), null, null, null))
			.withMessage("a message has text content or content parts, not both");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatMessage.user(List.of()))
			.withMessage("parts must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ChatMessage.tool(" ", "x"))
			.withMessage("toolCallId must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatCompletionRequest.of("m/x", ChatMessage.user("x"))
				.withParam("tools", List.of())
				.withTools(ChatTool.function("f", null, (Map<String, ?>) null)))
			.withMessage("tools are given twice: as tools and as the 'tools' param");
	}

	@Test
	void audioFormatsComeFromTheMediaType() {
		assertThat(ChatContentPart.audio(BytezMediaSource.dataUrl("data:audio/mpeg;base64,SUQz")).inputAudio())
			.isEqualTo(new ChatContentPart.InputAudio("SUQz", "mp3"));
		assertThat(
				ChatContentPart.audio(BytezMediaSource.dataUrl("data:audio/x-wav;base64,UklG")).inputAudio().format())
			.isEqualTo("wav");
		assertThat(ChatContentPart.audio(BytezMediaSource.dataUrl("data:audio/flac;base64,ZkxhQw=="))
			.inputAudio()
			.format()).isEqualTo("flac");
		assertThat(ChatContentPart.imageUrl("data:image/png;base64,iVBORw==").imageUrl().toString())
			.doesNotContain("iVBORw");
	}

	@Test
	void aResponsesResultWithoutOutputTextJoinsItsMessages() {
		ResponsesResult result = this.mapper.readValue(
				"""
						{"id":"r","created":5,"output":[{"type":"message","content":[{"type":"output_text","text":"a"},{"type":"refusal","refusal":"no"}]},
						 {"type":"message","content":[{"type":"output_text","text":"b"}]}]}""",
				ResponsesResult.class);
		assertThat(result.outputText()).isEqualTo("ab");
		assertThat(result.created()).isEqualTo(5);
		assertThat(result.raw()).isNull();
		assertThat(result.output().get(0).content().get(1).refusal()).isEqualTo("no");
		assertThat(this.mapper.readValue("{\"id\":\"r\"}", ResponsesResult.class).output()).isEmpty();
	}

}
