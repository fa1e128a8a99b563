package io.github.bytezspring.client.model;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.github.bytezspring.client.model.output.Entity;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.model.output.Segment;
import io.github.bytezspring.client.model.output.ZeroShotResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The task catalogue and the typed outputs, beyond the examples of the task
 * specifications.
 */
class BytezOutputTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void tasksAreFoundByWireNameAndAnUnknownNameIsRefusedListingTheKnownOnes() {
		for (BytezTask task : BytezTask.values()) {
			assertThat(BytezTask.fromWireName(task.wireName())).isSameAs(task);
		}
		assertThat(BytezTask.TEXT2TEXT_GENERATION.wireName()).isEqualTo("text2text-generation");
		assertThat(BytezTask.TEXT_GENERATION.exampleModel()).isEqualTo("openai-community/gpt2");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezTask.fromWireName("text_generation"))
			.withMessageStartingWith("unknown Bytez task 'text_generation'; the tasks are audio-classification, ")
			.withMessageContaining("text-generation");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezTask.fromWireName(null))
			.withMessageStartingWith("unknown Bytez task 'null'");
	}

	@Test
	void textStreamingAndMediaAreMarkedOnTheTasksThatHaveThem() {
		assertThat(Arrays.stream(BytezTask.values()).filter(BytezTask::streamsText)).containsExactlyInAnyOrder(
				BytezTask.AUDIO_TEXT_TO_TEXT, BytezTask.CHAT, BytezTask.IMAGE_TEXT_TO_TEXT, BytezTask.SUMMARIZATION,
				BytezTask.TEXT_GENERATION, BytezTask.TEXT2TEXT_GENERATION, BytezTask.TRANSLATION,
				BytezTask.VIDEO_TEXT_TO_TEXT);
		assertThat(Arrays.stream(BytezTask.values()).filter(BytezTask::producesMedia)).containsExactlyInAnyOrder(
				BytezTask.TEXT_TO_AUDIO, BytezTask.TEXT_TO_IMAGE, BytezTask.TEXT_TO_SPEECH, BytezTask.TEXT_TO_VIDEO,
				BytezTask.UNCONDITIONAL_IMAGE_GENERATION);
	}

	@Test
	void anOutputOfAnotherShapeIsRefusedNamingTheShapeAsked() {
		BytezResponse labels = response("[{\"label\":\"cat\",\"score\":0.9}]");

		assertThatIllegalArgumentException().isThrownBy(() -> labels.outputAs(BytezOutput.TEXT))
			.withMessageStartingWith("the output cannot be read as BytezOutput.TEXT (String): the output is not text");
		assertThatIllegalArgumentException().isThrownBy(() -> response("\"a caption\"").outputAs(BytezOutput.LABELS))
			.withMessageStartingWith("the output cannot be read as BytezOutput.LABELS (List<Label>): ");
		assertThatIllegalArgumentException().isThrownBy(() -> labels.outputAs(BytezOutput.ZERO_SHOT))
			.withMessageStartingWith("the output cannot be read as BytezOutput.ZERO_SHOT (ZeroShotResult): ");
		assertThatIllegalArgumentException().isThrownBy(() -> labels.outputAs((BytezOutput<?>) null))
			.withMessage("output must not be null");
		assertThat(response("null").outputAs(BytezOutput.EMBEDDING)).isNull();
		assertThat(labels.outputAs(BytezTask.IMAGE_CLASSIFICATION.output())).isEqualTo(List.of(new Label("cat", 0.9)));
	}

	@Test
	void groupedEntitiesReadTheirGroupAsTheEntity() {
		List<Entity> entities = response("""
				[{"entity_group":"PER","score":0.99,"word":"John Doe","start":0,"end":8}]""")
			.outputAs(BytezOutput.ENTITIES);

		assertThat(entities).containsExactly(new Entity("PER", 0.99, null, "John Doe", 0, 8));
	}

	@Test
	void aZeroShotResultPairsLabelsWithScoresAndRefusesUnevenLists() {
		assertThat(new ZeroShotResult("s", List.of("a", "b"), List.of(0.7, 0.3)).asLabels())
			.containsExactly(new Label("a", 0.7), new Label("b", 0.3));
		assertThatIllegalStateException()
			.isThrownBy(() -> new ZeroShotResult("s", List.of("a", "b"), List.of(0.7)).asLabels())
			.withMessage("zero-shot result has 2 labels but 1 scores");
	}

	@Test
	void masksDecodeFromBase64OrADataUrlAndABrokenMaskIsNamed() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n' };
		String base64 = Base64.getEncoder().encodeToString(png);

		assertThat(new Segment("sleeve", null, base64).maskPngBytes()).containsExactly(png);
		assertThat(new Segment("sleeve", null, "data:image/png;base64," + base64).maskPngBytes()).containsExactly(png);
		assertThatIllegalArgumentException().isThrownBy(() -> new Segment("sleeve", null, "iVBOR*").maskPngBytes())
			.withMessageStartingWith("mask_png is not base64");
		assertThatIllegalArgumentException().isThrownBy(() -> new Segment("sleeve", null, null).maskPngBytes())
			.withMessage("mask_png is missing from the output");
	}

	@Test
	void chatAnswersReadAsMessagesThatContinueTheConversation() {
		BytezMessage answer = response("{\"role\":\"assistant\",\"content\":\"Paris.\"}")
			.outputAs(BytezOutput.CHAT_MESSAGE);

		ObjectNode body = mapper.createObjectNode();
		BytezInput.messages(BytezMessage.user("Capital of France?"), answer).writeTo(body);
		assertThat(body.toString()).isEqualTo(
				"{\"messages\":[{\"role\":\"user\",\"content\":\"Capital of France?\"},{\"role\":\"assistant\",\"content\":\"Paris.\"}]}");
	}

	private static BytezResponse response(String output) {
		return new BytezResponse(mapper.readTree(output), null, mapper);
	}

}
