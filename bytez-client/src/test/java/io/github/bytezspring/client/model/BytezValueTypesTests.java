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
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.text(null))
			.withMessage("text must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.messages(new BytezMessage[0]))
			.withMessageContaining("messages");
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
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezMessage("", "x")).withMessageContaining("role");
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
	void aProviderKeyWithAControlCharacterIsRejectedAtOnceWithoutShowingIt() {
		for (String key : new String[] { "sk-abc\r\nX-Injected: 1", "sk-abc\n", "\rsk-abc", "sk-\tabc", "sk-\u0000abc",
				"sk-abc\u007f", "sk-abc\u0085" }) {
			assertThatIllegalArgumentException().as(key)
				.isThrownBy(() -> BytezOptions.builder().providerKey(key))
				.withMessage("providerKey must not contain CR, LF or other control characters")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("sk-"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().providerKey(null))
			.withMessage("providerKey must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().providerKey("  "))
			.withMessage("providerKey must not be blank");
		assertThat(BytezOptions.builder().providerKey("  sk-abc ").build().providerKey()).isEqualTo("sk-abc");
	}

	@Test
	void optionsNeverShowTheProviderKeyInToString() {
		BytezOptions withKey = BytezOptions.builder().providerKey("sk-secret-42").maxRetries(1).param("a", 1).build();
		assertThat(withKey.toString()).isEqualTo("BytezOptions{params={a=1}, providerKey=******, maxRetries=1}")
			.doesNotContain("secret");
		assertThat(BytezOptions.defaults().toString()).isEqualTo("BytezOptions{params={}, providerKey=none}");
		assertThat(withKey)
			.isEqualTo(BytezOptions.builder().providerKey("sk-secret-42").maxRetries(1).param("a", 1).build())
			.isNotEqualTo(BytezOptions.builder().providerKey("sk-other").maxRetries(1).param("a", 1).build());
	}

	@Test
	void fallbackModelsAreKeptInOrderAndTellUnsetFromNone() {
		BytezOptions chain = BytezOptions.builder().fallbackModels("org/b", "org/c").build();
		assertThat(chain.fallbackModels()).containsExactly("org/b", "org/c");
		assertThat(chain.toString())
			.isEqualTo("BytezOptions{params={}, providerKey=none, fallbackModels=[org/b, org/c]}");
		assertThat(chain).isEqualTo(BytezOptions.builder().fallbackModels("org/b", "org/c").build())
			.isNotEqualTo(BytezOptions.builder().fallbackModels("org/c", "org/b").build());
		// none set: the configured chain applies; set to none: no fallback for this call
		assertThat(BytezOptions.defaults().fallbackModels()).isNull();
		assertThat(BytezOptions.builder().fallbackModels().build().fallbackModels()).isEmpty();
		assertThat(BytezOptions.builder().fallbackModels().build()).isNotEqualTo(BytezOptions.defaults());
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().fallbackModels((String[]) null));
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().fallbackModels("org/b", null))
			.withMessage("fallbackModels[1] must not be null or blank");
	}

	@Test
	void theInputRecordChecksEveryFieldAndCopiesItsLists() {
		java.util.List<String> labels = new java.util.ArrayList<>(java.util.List.of("a", "b"));
		BytezInput input = new BytezInput("t", null, null, null, null, null, labels);
		labels.add("c");
		assertThat(input.candidateLabels()).containsExactly("a", "b");
		assertThat(BytezInput.none()).isEqualTo(new BytezInput(null, null, null, null, null, null, null));
		assertThat(BytezInput.none().toString()).isEqualTo("BytezInput{}");
		assertThat(BytezInput.url("https://example.com/a.jpg").withQuestion("Q").withCandidateLabels("x").toString())
			.isEqualTo("BytezInput{url=https://example.com/a.jpg, question, candidateLabels=[x]}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezInput(null, java.util.List.of(), null, null, null, null, null))
			.withMessage("messages must not be null or empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezInput(null, null, "ftp://x", null, null, null, null))
			.withMessageContaining("url must be an absolute http or https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezInput(null, null, null, null, null, null, java.util.List.of()))
			.withMessage("candidateLabels must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.candidateLabels(new String[0]))
			.withMessage("candidateLabels must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.text("t").withContext(null))
			.withMessage("context must not be null");
		assertThat(BytezInput.media(BytezMediaSource.url("https://example.com/a.jpg")))
			.isEqualTo(BytezInput.url("https://example.com/a.jpg"));
		assertThat(BytezInput.url(java.net.URI.create("https://example.com/a.jpg")))
			.isEqualTo(BytezInput.url("https://example.com/a.jpg"));
	}

	@Test
	void nullArgumentsAreIllegalArgumentsNamingTheArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.url((String) null))
			.withMessage("url must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.url((java.net.URI) null))
			.withMessage("url must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.media(null))
			.withMessage("source must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.file(null))
			.withMessage("file must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMediaSource.resource(null))
			.withMessage("resource must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMediaSource.bytes(null, MediaType.IMAGE_PNG))
			.withMessage("content must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMediaSource.bytes(new byte[1], null))
			.withMessage("mediaType must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezContent.text(null))
			.withMessage("text must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezContent(null, "x", null, null))
			.withMessage("type must not be null");
		JsonMapper mapper = JsonMapper.builder().build();
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezResponse(null, null, null))
			.withMessage("mapper must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> response(mapper, "1").outputAs((Class<?>) null))
			.withMessage("type must not be null");
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
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").baseUrl("api.bytez.com").build())
			.withMessageContaining("baseUrl");
	}

}
