package io.github.bytezspring.ai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BytezChatOptionsTests {

	private final BytezChatOptions defaults = BytezChatOptions.builder()
		.model("Qwen/Qwen3-4B")
		.maxTokens(64)
		.temperature(0.2)
		.param("repetition_penalty", 1.1)
		.build();

	@Test
	void copyIsEqualButIndependent() {
		BytezChatOptions copy = this.defaults.copy();
		assertThat(copy).isEqualTo(this.defaults).isNotSameAs(this.defaults);
		assertThat(copy.getParams()).containsEntry("repetition_penalty", 1.1);
	}

	@Test
	void combineWithLetsTheOtherBuilderWinAndMergesParams() {
		BytezChatOptions merged = this.defaults.mutate()
			.combineWith(BytezChatOptions.builder().temperature(0.9).param("num_beams", 2))
			.build();
		assertThat(merged.getModel()).isEqualTo("Qwen/Qwen3-4B");
		assertThat(merged.getMaxTokens()).isEqualTo(64);
		assertThat(merged.getTemperature()).isEqualTo(0.9);
		assertThat(merged.getParams()).containsOnly(Map.entry("repetition_penalty", 1.1), Map.entry("num_beams", 2));
	}

	@Test
	void combineWithAcceptsPlainSpringAiOptions() {
		BytezChatOptions merged = this.defaults.mutate().combineWith(ChatOptions.builder().topK(3)).build();
		assertThat(merged.getTopK()).isEqualTo(3);
		assertThat(merged.getParams()).containsKey("repetition_penalty");
	}

	@Test
	void cloneDoesNotShareParams() {
		BytezChatOptions.Builder builder = BytezChatOptions.builder().param("a", 1);
		BytezChatOptions.Builder clone = builder.clone();
		clone.param("b", 2);
		assertThat(builder.build().getParams()).containsOnlyKeys("a");
		assertThat(clone.build().getParams()).containsOnlyKeys("a", "b");
	}

	@Test
	void optionsBecomeParams() {
		BytezChatOptions options = this.defaults.mutate().topP(0.8).topK(5).stopSequences(List.of("END")).build();
		assertThat(BytezChatRequest.options(options).params()).containsEntry("max_new_tokens", 64)
			.containsEntry("temperature", 0.2)
			.containsEntry("top_p", 0.8)
			.containsEntry("top_k", 5)
			.containsEntry("stop", List.of("END"))
			.containsEntry("repetition_penalty", 1.1)
			.doesNotContainKeys("frequency_penalty", "presence_penalty");
	}

	@Test
	void aParamNeedsANameAndAValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezChatOptions.builder().param(" ", 1))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezChatOptions.builder().param("a", null))
			.withMessageContaining("'a'");
	}

	@Test
	void toStringShowsNoParamValues() {
		assertThat(BytezChatOptions.builder().param("secret_thing", "value-123").build().toString())
			.contains("secret_thing")
			.doesNotContain("value-123");
	}

}
