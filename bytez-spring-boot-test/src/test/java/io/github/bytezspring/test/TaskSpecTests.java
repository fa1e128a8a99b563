package io.github.bytezspring.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TaskSpec}.
 */
class TaskSpecTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void loadAllReadsEveryTaskFileSortedByTask() {
		List<TaskSpec> tasks = TaskSpec.loadAll(this.mapper);
		assertThat(tasks).hasSize(34);
		assertThat(tasks).extracting(TaskSpec::task)
			.isSorted()
			.startsWith("audio-classification", "audio-text-to-text", "automatic-speech-recognition", "chat")
			.endsWith("zero-shot-image-classification", "zero-shot-object-detection")
			.contains("summarization", "text-generation", "text-to-image", "translation",
					"unconditional-image-generation");
		assertThat(tasks).filteredOn((task) -> task.task().equals("chat")).singleElement().satisfies((chat) -> {
			assertThat(chat.modelId()).isEqualTo("Qwen/Qwen3-4B");
			assertThat(chat.streamsText()).isTrue();
		});
		assertThat(tasks).filteredOn(TaskSpec::streamsText)
			.extracting(TaskSpec::task)
			.containsExactly("audio-text-to-text", "chat", "image-text-to-text", "summarization", "text-generation",
					"text2text-generation", "translation", "video-text-to-text");
		assertThat(tasks).extracting(TaskSpec::modelId).doesNotHaveDuplicates();
	}

	@Test
	void exampleTextOfAChatMessageIsItsContent() {
		TaskSpec chat = TaskSpec.read("chat",
				spec("/models/v2/a/b", "{\"role\":\"assistant\",\"content\":\"hi\"}", true));
		assertThat(chat.modelId()).isEqualTo("a/b");
		assertThat(chat.exampleText()).isEqualTo("hi");
		assertThat(chat.streamsText()).isTrue();
	}

	@Test
	void exampleTextOfAStringIsTheString() {
		TaskSpec task = TaskSpec.read("translation", spec("/models/v2/a/b", "\"Bonjour\"", false));
		assertThat(task.exampleText()).isEqualTo("Bonjour");
		assertThat(task.streamsText()).isFalse();
	}

	@Test
	void labelsAreNoText() {
		TaskSpec task = TaskSpec.read("image-classification",
				spec("/models/v2/a/b", "[{\"label\":\"cat\",\"score\":0.5}]", true));
		assertThat(task.exampleText()).isNull();
		assertThat(task.streamsText()).isFalse();
	}

	@Test
	void aNullExampleOutputIsKept() {
		TaskSpec task = TaskSpec.read("x", spec("/models/v2/a/b", "null", false));
		assertThat(task.exampleOutput().isNull()).isTrue();
	}

	@Test
	void rejectsAFileWithoutAnExampleOutput() {
		JsonNode spec = this.mapper.readTree("{\"paths\":{\"/models/v2/a/b\":{\"post\":{}}}}");
		assertThatIllegalStateException().isThrownBy(() -> TaskSpec.read("chat", spec))
			.withMessageContaining("chat.openapi.json")
			.withMessageContaining("no example output");
	}

	@Test
	void rejectsAFileWithSeveralPaths() {
		JsonNode spec = this.mapper.readTree("{\"paths\":{\"/models/v2/a/b\":{},\"/models/v2/c/d\":{}}}");
		assertThatIllegalStateException().isThrownBy(() -> TaskSpec.read("chat", spec))
			.withMessageContaining("not exactly one path");
	}

	@Test
	void rejectsAPathThatIsNoModel() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TaskSpec.read("chat", spec("/models/v2/list/", "\"x\"", false)))
			.withMessageContaining("/models/v2/{org}/{name}");
		assertThatIllegalStateException().isThrownBy(() -> TaskSpec.read("chat", spec("/run", "\"x\"", false)))
			.withMessageContaining("'/run'");
	}

	private JsonNode spec(String path, String example, boolean stream) {
		String streamProperty = stream ? ",\"stream\":{\"type\":\"boolean\"}" : "";
		return this.mapper.readTree("{\"paths\":{\"" + path + "\":{\"post\":{"
				+ "\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"properties\":{\"text\":{}"
				+ streamProperty + "}}}}},"
				+ "\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"properties\":{"
				+ "\"error\":{},\"output\":{\"example\":" + example + "}}}}}}}}}}}");
	}

}
