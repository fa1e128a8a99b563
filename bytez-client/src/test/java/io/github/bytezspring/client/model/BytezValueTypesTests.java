package io.github.bytezspring.client.model;

import io.github.bytezspring.client.BytezTemplate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BytezValueTypesTests {

	@Test
	void inputFactoriesRejectMissingValuesNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.text(null)).withMessage("text must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.messages(new BytezMessage[0])).withMessageContaining("messages");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.messages(BytezMessage.user("a"), null))
			.withMessage("messages[1] must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.url("file:///etc/passwd"))
			.withMessageContaining("url must be an absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.base64("iVBORw0KGgo="))
			.withMessageContaining("base64 must be a data URL");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.question(" ", "ctx"))
			.withMessage("question must not be null or blank");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.candidateLabels("a", ""))
			.withMessage("candidateLabels[1] must not be null or blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezMessage("", "x"))
			.withMessageContaining("role");
	}

	@Test
	void resourcesBecomeDataUrlsWithTheirMediaType() {
		ByteArrayResource png = new ByteArrayResource(new byte[] { (byte) 0x89, 'P', 'N', 'G' }) {
			@Override
			public String getFilename() {
				return "cat.png";
			}
		};
		assertThat(BytezInput.resource(png).base64()).isEqualTo("data:image/png;base64,iVBORw==");
		assertThat(BytezInput.base64(new byte[] { 1 }, MediaType.parseMediaType("audio/wav;rate=8000")).base64())
			.isEqualTo("data:audio/wav;base64,AQ==");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.resource(new ClassPathResource("no-extension")))
			.withMessageContaining("cannot be guessed");
	}

	@Test
	void shapesCombineAndInputsCompareByValue() {
		BytezInput input = BytezInput.url("https://example.com/a.jpg").withQuestion("What?");
		assertThat(input.url()).isEqualTo("https://example.com/a.jpg");
		assertThat(input.question()).isEqualTo("What?");
		assertThat(input).isEqualTo(BytezInput.url("https://example.com/a.jpg").withQuestion("What?"))
			.isNotEqualTo(BytezInput.url("https://example.com/a.jpg"));
		assertThat(BytezInput.text("secret prompt").toString()).isEqualTo("BytezInput{text=13 chars}");
	}

	@Test
	void optionsKeepParamsInOrderValidateThemAndHideTheProviderKey() {
		BytezOptions options = BytezOptions.builder()
			.maxNewTokens(10)
			.minNewTokens(1)
			.temperature(0.2)
			.topP(0.9)
			.topK(40)
			.doSample(true)
			.numBeams(2)
			.repetitionPenalty(1.1)
			.param("stop", java.util.List.of("\n"))
			.providerKey("sk-provider-123")
			.build();
		assertThat(options.params()).containsExactly(Map.entry("max_new_tokens", 10), Map.entry("min_new_tokens", 1),
				Map.entry("temperature", 0.2), Map.entry("top_p", 0.9), Map.entry("top_k", 40),
				Map.entry("do_sample", true), Map.entry("num_beams", 2), Map.entry("repetition_penalty", 1.1),
				Map.entry("stop", java.util.List.of("\n")));
		assertThat(options.providerKey()).isEqualTo("sk-provider-123");
		assertThat(options.toString()).doesNotContain("sk-provider-123").contains("******");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().maxNewTokens(0))
			.withMessageContaining("max_new_tokens");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().topP(1.5))
			.withMessageContaining("top_p");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().param("x", null))
			.withMessageContaining("'x'");
	}

	@Test
	void outputTextReadsTheCommonTextShapes() {
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(response(mapper, "\"plain\"").outputText()).isEqualTo("plain");
		assertThat(response(mapper, "{\"role\":\"assistant\",\"content\":\"chat\"}").outputText()).isEqualTo("chat");
		assertThat(response(mapper, "[{\"generated_text\":\"gen\"}]").outputText()).isEqualTo("gen");
		assertThat(response(mapper, "[{\"summary_text\":\"sum\"}]").outputText()).isEqualTo("sum");
		assertThatIllegalStateException().isThrownBy(() -> response(mapper, "[0.1, 0.2]").outputText());
		assertThat(response(mapper, "null").output().isNull()).isTrue();
	}

	private static BytezResponse response(JsonMapper mapper, String output) {
		return new BytezResponse(mapper.readTree(output), null, mapper);
	}

	@Test
	void theBuilderRequiresAKeyAndAnHttpBaseUrl() {
		assertThatIllegalStateException().isThrownBy(() -> BytezTemplate.builder().build())
			.withMessageContaining("API key");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezTemplate.builder().apiKey(" ").build())
			.withMessageContaining("apiKey");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezTemplate.builder().apiKey("k").baseUrl("api.bytez.com").build())
			.withMessageContaining("baseUrl");
	}

}
