package io.github.bytezspring.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the stub answers per model: the example output of the model's task, or what a test
 * set with {@link BytezStubServer#answer}; and the media file it streams for
 * {@code "json": false}.
 */
final class StubModels {

	private final List<TaskSpec> tasks;

	private final Map<String, JsonNode> outputs = new ConcurrentHashMap<>();

	private final Map<String, Media> media = new ConcurrentHashMap<>();

	private final Map<String, TaskSpec> declaredTasks = new ConcurrentHashMap<>();

	StubModels(List<TaskSpec> tasks) {
		this.tasks = tasks;
	}

	List<TaskSpec> tasks() {
		return this.tasks;
	}

	/**
	 * The task of a model: the one declared for it, or the one whose example model it is.
	 * @param modelId the model
	 * @return the task, or {@code null} when the model has none
	 */
	@Nullable TaskSpec taskOf(String modelId) {
		TaskSpec declared = this.declaredTasks.get(modelId);
		if (declared != null) {
			return declared;
		}
		return this.tasks.stream().filter((task) -> task.modelId().equals(modelId)).findFirst().orElse(null);
	}

	/**
	 * Whether the stub knows a model, by its task or because a test gave it an answer.
	 * @param modelId the model
	 * @return whether it is known
	 */
	boolean knows(String modelId) {
		return this.outputs.containsKey(modelId) || this.media.containsKey(modelId) || taskOf(modelId) != null;
	}

	/**
	 * The {@code output} the stub answers for a model.
	 * @param modelId the model
	 * @return the output, or {@code null} when the model is unknown
	 */
	@Nullable JsonNode output(String modelId) {
		JsonNode output = this.outputs.get(modelId);
		if (output != null) {
			return output;
		}
		TaskSpec task = taskOf(modelId);
		return (task != null) ? task.exampleOutput() : null;
	}

	/**
	 * The text the stub streams for a model.
	 * @param modelId the model
	 * @return the text, or {@code null} when the model does not stream text
	 */
	@Nullable String streamedText(String modelId) {
		if (this.outputs.containsKey(modelId)) {
			return TaskSpec.textOf(this.outputs.get(modelId));
		}
		TaskSpec task = taskOf(modelId);
		return (task != null && task.streamsText()) ? task.exampleText() : null;
	}

	/**
	 * The text of a model's answer for the OpenAI-compatible endpoints, which answer text
	 * for any model.
	 * @param modelId the model
	 * @return the text, or {@code null} when the model's output holds no text
	 */
	@Nullable String text(String modelId) {
		return TaskSpec.textOf(output(modelId));
	}

	/**
	 * The media file the stub streams for a model.
	 * @param modelId the model
	 * @return the file, or {@code null} when the model streams no media
	 */
	@Nullable Media media(String modelId) {
		Media set = this.media.get(modelId);
		if (set != null) {
			return set;
		}
		TaskSpec task = taskOf(modelId);
		String mediaType = (task != null) ? MediaSamples.mediaTypeOf(task.task()) : null;
		return (mediaType != null) ? new Media(mediaType, MediaSamples.sample(mediaType)) : null;
	}

	/**
	 * Declare a model's task, so that strict mode checks its requests against it.
	 * @param modelId the model
	 * @param task the task's name
	 * @throws IllegalArgumentException when there is no such task
	 */
	void declareTask(String modelId, String task) {
		TaskSpec spec = this.tasks.stream()
			.filter((candidate) -> candidate.task().equals(task))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("task must be one of the stub's " + this.tasks.size()
					+ " tasks (e.g. 'chat', 'text-generation'), not '" + task + "'"));
		this.declaredTasks.put(modelId, spec);
	}

	void answer(String modelId, JsonNode output) {
		this.outputs.put(modelId, output);
	}

	void answerMedia(String modelId, Media file) {
		this.media.put(modelId, file);
	}

	void reset() {
		this.outputs.clear();
		this.media.clear();
		this.declaredTasks.clear();
	}

	/**
	 * A media file.
	 *
	 * @param contentType its content type, e.g. {@code image/png}
	 * @param bytes its bytes
	 */
	record Media(String contentType, byte[] bytes) {
	}

}
