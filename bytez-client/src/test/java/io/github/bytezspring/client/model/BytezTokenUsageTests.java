package io.github.bytezspring.client.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BytezTokenUsageTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void readsOpenAiChatUsage() {
		assertThat(usage("{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}"))
			.isEqualTo(new BytezTokenUsage(9, 12, 21));
	}

	@Test
	void readsResponsesAndAnthropicUsageAndAddsTheTotalWhenAbsent() {
		assertThat(usage("{\"input_tokens\":5,\"output_tokens\":7,\"total_tokens\":12}"))
			.isEqualTo(new BytezTokenUsage(5, 7, 12));
		assertThat(usage("{\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}"))
			.isEqualTo(new BytezTokenUsage(5, 7, 12));
	}

	@Test
	void readsGoogleUsageMetadata() {
		assertThat(
				usage("{\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":8}}"))
			.isEqualTo(new BytezTokenUsage(3, 4, 8));
	}

	@Test
	void readsTheProviderOfARunAnswer() {
		assertThat(usage(
				"{\"error\":null,\"output\":{},\"provider\":{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}}"))
			.isEqualTo(new BytezTokenUsage(2, 1, 3));
		assertThat(usage("{\"output\":\"hi\",\"provider\":{\"usageMetadata\":{\"promptTokenCount\":6}}}"))
			.isEqualTo(new BytezTokenUsage(6, null, null));
	}

	@Test
	void readsWholeNumbersWrittenWithAFraction() {
		assertThat(usage("{\"prompt_tokens\":4.0,\"completion_tokens\":1e1}"))
			.isEqualTo(new BytezTokenUsage(4, 10, 14));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "1.5", "\"12\"", "true", "null", "[]", "{}", "1.7976931348623157e309",
			"-1.7976931348623157e309", "2147483648", "9223372036854775808", "1e400", "NaN", "Infinity", "-Infinity" })
	void ignoresCountsThatAreNotWholeNumbersInRange(String count) {
		JsonNode json = mapper.readTree("{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}");
		String bad = "{\"prompt_tokens\":" + count + ",\"completion_tokens\":" + count + ",\"total_tokens\":" + count
				+ "}";
		JsonNode parsed = parseLenient(bad);
		assertThat(BytezTokenUsage.of(parsed)).isEqualTo(BytezTokenUsage.empty());
		assertThat(BytezTokenUsage.of(json)).isEqualTo(new BytezTokenUsage(1, 2, 3));
	}

	@Test
	void ignoresAnOverflowingSumOfTheCounts() {
		assertThat(usage("{\"prompt_tokens\":2147483647,\"completion_tokens\":1}"))
			.isEqualTo(new BytezTokenUsage(2147483647, 1, null));
	}

	@Test
	void findsNothingWhereThereIsNoUsage() {
		assertThat(BytezTokenUsage.of(null)).isSameAs(BytezTokenUsage.empty());
		assertThat(usage("[1,2]").isEmpty()).isTrue();
		assertThat(usage("\"usage\"").isEmpty()).isTrue();
		assertThat(usage("{\"output\":\"hi\",\"provider\":{}}").isEmpty()).isTrue();
		assertThat(usage("{\"usage\":\"lots\",\"provider\":\"x\"}").isEmpty()).isTrue();
		assertThat(new BytezTokenUsage(null, 0, null).isEmpty()).isFalse();
	}

	private static BytezTokenUsage usage(String json) {
		return BytezTokenUsage.of(mapper.readTree(json));
	}

	private static JsonNode parseLenient(String json) {
		return JsonMapper.builder()
			.enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.build()
			.readTree(json);
	}

}
