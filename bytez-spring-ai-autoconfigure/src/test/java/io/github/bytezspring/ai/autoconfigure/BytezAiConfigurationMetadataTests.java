package io.github.bytezspring.ai.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.ai.BytezImageOptions;
import io.github.bytezspring.testsupport.ConfigurationMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.model.SpringAIModelProperties;

import static io.github.bytezspring.testsupport.ConfigurationMetadata.providers;
import static io.github.bytezspring.testsupport.ConfigurationMetadata.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What IDEs offer for {@code spring.ai.bytez.*} and Spring AI's selection properties: the
 * generated metadata, with the hints of the additional metadata, checked against the code
 * and Bytez's task specs.
 */
class BytezAiConfigurationMetadataTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ConfigurationMetadata metadata = ConfigurationMetadata.generated();

	@Test
	void everyBytezPropertyHasADescription() {
		Map<String, String> descriptions = new HashMap<>();
		metadata.properties()
			.forEach((name, property) -> descriptions.put(name, property.path("description").asString()));
		assertThat(descriptions).containsKeys(BytezAiAutoConfiguration.CHAT_MODEL,
				BytezAiAutoConfiguration.EMBEDDING_MODEL, BytezAiAutoConfiguration.IMAGE_MODEL,
				BytezAiAutoConfiguration.TRANSCRIPTION_MODEL, BytezAiAutoConfiguration.SPEECH_MODEL,
				"spring.ai.bytez.chat.options.temperature", "spring.ai.bytez.image.options.response-format");
		assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
	}

	/**
	 * Spring AI ships no metadata for its selection properties; ours declares the ones
	 * the Bytez models' conditions read, with 'bytez' and 'none' offered and any other
	 * provider's name allowed.
	 */
	@Test
	void theSelectionPropertiesTheConditionsReadOfferBytez() {
		for (String selection : List.of(SpringAIModelProperties.CHAT_MODEL, SpringAIModelProperties.EMBEDDING_MODEL,
				SpringAIModelProperties.IMAGE_MODEL, SpringAIModelProperties.AUDIO_TRANSCRIPTION_MODEL,
				SpringAIModelProperties.AUDIO_SPEECH_MODEL)) {
			assertThat(property(selection).get("type").stringValue()).as(selection).isEqualTo("java.lang.String");
			assertThat(property(selection).get("description").stringValue()).as(selection)
				.contains("'" + BytezModelCondition.BYTEZ + "'");
			JsonNode hint = hint(selection);
			assertThat(values(hint)).as(selection).containsExactly(BytezModelCondition.BYTEZ, "none");
			assertThat(providers(hint)).as(selection).containsExactly("any");
		}
	}

	/**
	 * The model ids offered are Bytez's own examples of the task each model runs (its
	 * task spec's path), so that a suggestion is a model that takes what the Spring AI
	 * model sends.
	 */
	@Test
	void theModelHintsAreTheExamplesOfEachKindsTask() throws Exception {
		assertThat(values(hint(BytezAiAutoConfiguration.CHAT_MODEL))).startsWith(example("chat"))
			.contains("openai/gpt-4o-mini");
		assertThat(closedSourceSpec()).contains("`gpt-4o-mini`");
		assertThat(values(hint(BytezAiAutoConfiguration.EMBEDDING_MODEL)))
			.containsExactly(example("feature-extraction"));
		assertThat(values(hint(BytezAiAutoConfiguration.IMAGE_MODEL))).containsExactly(example("text-to-image"));
		assertThat(values(hint(BytezAiAutoConfiguration.TRANSCRIPTION_MODEL)))
			.containsExactly(example("automatic-speech-recognition"));
		assertThat(values(hint(BytezAiAutoConfiguration.SPEECH_MODEL))).containsExactly(example("text-to-speech"));
		for (String model : List.of(BytezAiAutoConfiguration.CHAT_MODEL, BytezAiAutoConfiguration.EMBEDDING_MODEL,
				BytezAiAutoConfiguration.IMAGE_MODEL, BytezAiAutoConfiguration.TRANSCRIPTION_MODEL,
				BytezAiAutoConfiguration.SPEECH_MODEL)) {
			assertThat(providers(hint(model))).as(model).containsExactly("any");
		}
	}

	@Test
	void theChatParamsKeysHintOffersTheChatTasksParams() throws Exception {
		JsonNode params = taskSpec("chat").get("paths")
			.values()
			.iterator()
			.next()
			.at("/post/requestBody/content/application~1json/schema/properties/params/properties");
		assertThat(values(hint("spring.ai.bytez.chat.options.params.keys"))).isNotEmpty()
			.allSatisfy((key) -> assertThat(params.has(key)).as(key).isTrue());
	}

	/**
	 * The image model refuses any other response format, so the hint offers exactly the
	 * two it takes and no 'any' provider.
	 */
	@Test
	void theResponseFormatHintIsTheClosedSetTheImageOptionsTake() {
		JsonNode hint = hint("spring.ai.bytez.image.options.response-format");
		assertThat(values(hint)).containsExactlyInAnyOrder(BytezImageOptions.URL, BytezImageOptions.B64_JSON);
		assertThat(providers(hint)).isEmpty();
	}

	@Test
	void everyHintNamesAPropertyAndDescribesItsValues() {
		metadata.hints().forEach((name, hint) -> {
			String propertyName = name.replaceFirst("\\.(keys|values)$", "");
			JsonNode property = property(propertyName);
			if (!propertyName.equals(name)) {
				assertThat(property.get("type").stringValue()).as(name).startsWith("java.util.Map<");
			}
			hint.path("values")
				.forEach((value) -> assertThat(value.path("description").asString())
					.as(name + " = " + value.get("value"))
					.isNotBlank());
		});
	}

	private static String example(String task) throws Exception {
		String path = taskSpec(task).get("paths").propertyNames().iterator().next();
		assertThat(path).startsWith("/models/v2/");
		return path.substring("/models/v2/".length());
	}

	private static JsonNode taskSpec(String task) throws Exception {
		try (InputStream in = BytezAiConfigurationMetadataTests.class
			.getResourceAsStream("/io/github/bytezspring/spec/tasks/" + task + ".openapi.json")) {
			assertThat(in).as(task + " spec").isNotNull();
			return json.readTree(in);
		}
	}

	private static String closedSourceSpec() throws Exception {
		try (InputStream in = BytezAiConfigurationMetadataTests.class
			.getResourceAsStream("/io/github/bytezspring/spec/closed-source.openapi.yaml")) {
			assertThat(in).as("closed-source spec").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static JsonNode property(String name) {
		return metadata.property(name);
	}

	private static JsonNode hint(String name) {
		return metadata.hint(name);
	}

}
