package io.github.bytezspring.test;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub's own answers where Bytez's documented examples would let a broken client
 * pass: a streamed text begins with a space and holds a newline and multi-byte characters
 * (a relay that trims pieces, splits lines or cuts UTF-8 sequences shows it), and an
 * embedding has as many numbers as its model really has dimensions (the examples show
 * four).
 */
final class CannedAnswers {

	/**
	 * What follows the documented text: a line break, then characters of two, three and
	 * four bytes in UTF-8.
	 */
	static final String TEXT_ENDING = "\nÀ bientôt — 🦜";

	/**
	 * The length of the vectors of the embedding models the task files name as examples.
	 */
	static final Map<String, Integer> DIMENSIONS = Map.of("nomic-ai/nomic-embed-text-v1.5", 768,
			"sentence-transformers/all-MiniLM-L6-v2", 384);

	private CannedAnswers() {
	}

	/**
	 * The task with the stub's answer in place of the documented example, where it has
	 * one.
	 * @param task the task as its file documents it
	 * @return the task the stub serves
	 */
	static TaskSpec of(TaskSpec task) {
		Integer dimensions = DIMENSIONS.get(task.modelId());
		if (dimensions != null && task.exampleOutput().isArray()) {
			return with(task, embedding(dimensions));
		}
		if (task.streamsText()) {
			return with(task, text(task.exampleOutput()));
		}
		return task;
	}

	/**
	 * The text an answer streams: the documented text after a space, then
	 * {@link #TEXT_ENDING}.
	 * @param text the documented text
	 * @return the stub's text
	 */
	static String text(String text) {
		return " " + text + TEXT_ENDING;
	}

	private static JsonNode text(JsonNode output) {
		if (output.isString()) {
			return JsonNodeFactory.instance.stringNode(text(output.stringValue()));
		}
		ObjectNode message = ((ObjectNode) output).deepCopy();
		message.put("content", text(output.get("content").stringValue()));
		return message;
	}

	/**
	 * A unit vector of the given length whose numbers are not all alike, the same on
	 * every call.
	 */
	private static JsonNode embedding(int dimensions) {
		ArrayNode vector = JsonNodeFactory.instance.arrayNode(dimensions);
		double norm = Math.sqrt(dimensions * (dimensions + 1.0) * (2 * dimensions + 1.0) / 6);
		for (int i = 1; i <= dimensions; i++) {
			vector.add(((i % 2 == 0) ? i : -i) / norm);
		}
		return vector;
	}

	private static TaskSpec with(TaskSpec task, JsonNode output) {
		return new TaskSpec(task.task(), task.modelId(), output, task.streamable(), task.fields());
	}

}
