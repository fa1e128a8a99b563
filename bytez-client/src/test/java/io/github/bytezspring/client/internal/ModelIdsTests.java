package io.github.bytezspring.client.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ModelIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "openai-community/gpt2", "Qwen/Qwen3-4B", "openai/gpt-4o-mini",
			"google/vit-base-patch16-224", "0-hero/Matter-0.1-Slim-7B-C", "a_b/c.d_e" })
	void acceptsRealModelIds(String modelId) {
		assertThat(ModelIds.validate(modelId)).isEqualTo(modelId);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "gpt2|exactly one '/'", "a/b/c|exactly one '/'", "/gpt2|exactly one '/'",
					"openai/|exactly one '/'", "../etc/passwd|'..'", "org/..|'..'", "org/a..b|'..'",
					"org/name?x=1|'?' or '#'", "org/name#frag|'?' or '#'", "org%2Fname/x|'%'", "org/na%2e|'%'",
					"org\\name/x|'%' or '\\'", "org/na me|whitespace", "org/na\tme|whitespace", "org/name:1|not ':'",
					"org/.hidden|starting with '.'", ".org/name|starting with '.'", "org/naïve|not 'ï'" })
	void rejectsMalformedModelIdsNamingTheProblem(String modelId, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelIds.validate(modelId))
			.withMessageContaining("modelId")
			.withMessageContaining(problem);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void rejectsBlankModelIds(String modelId) {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelIds.validate(modelId))
			.withMessage("modelId must not be null or blank");
	}

	@org.junit.jupiter.api.Test
	void rejectsNullModelId() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelIds.validate(null))
			.withMessage("modelId must not be null or blank");
	}

}
