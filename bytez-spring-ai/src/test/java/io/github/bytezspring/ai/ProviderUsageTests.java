package io.github.bytezspring.ai;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderUsageTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void openAiUsage() {
		Usage usage = ProviderUsage.of(MAPPER.readTree("{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}"));
		assertThat(usage.getPromptTokens()).isEqualTo(5);
		assertThat(usage.getCompletionTokens()).isEqualTo(2);
		assertThat(usage.getTotalTokens()).isEqualTo(7);
	}

	@Test
	void anthropicUsageAddsUpTheTotal() {
		Usage usage = ProviderUsage.of(MAPPER.readTree("{\"usage\":{\"input_tokens\":4,\"output_tokens\":6}}"));
		assertThat(usage.getPromptTokens()).isEqualTo(4);
		assertThat(usage.getCompletionTokens()).isEqualTo(6);
		assertThat(usage.getTotalTokens()).isEqualTo(10);
	}

	@Test
	void googleUsage() {
		Usage usage = ProviderUsage.of(MAPPER.readTree(
				"{\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4}}"));
		assertThat(usage.getTotalTokens()).isEqualTo(4);
	}

	@Test
	void openModelsReportNone() {
		assertThat(ProviderUsage.of(null)).isInstanceOf(EmptyUsage.class);
		assertThat(ProviderUsage.of(MAPPER.readTree("{\"id\":\"x\"}"))).isInstanceOf(EmptyUsage.class);
	}

}
