package io.github.bytezspring.client.model;

import java.util.List;
import java.util.function.Function;

import io.github.bytezspring.client.model.output.Answer;
import io.github.bytezspring.client.model.output.DepthEstimation;
import io.github.bytezspring.client.model.output.DetectedObject;
import io.github.bytezspring.client.model.output.Entity;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.model.output.MaskFill;
import io.github.bytezspring.client.model.output.MaskGeneration;
import io.github.bytezspring.client.model.output.Segment;
import io.github.bytezspring.client.model.output.ZeroShotResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * One shape of a task's {@code output} and the Java type it reads as, for
 * {@link BytezResponse#outputAs(BytezOutput)}: e.g.
 * {@code List<Label> labels = response.outputAs(BytezOutput.LABELS)};
 * {@link BytezTask#output()} says which shape each task answers with.
 *
 * @param <T> the Java type
 */
public final class BytezOutput<T> {

	/**
	 * Text: text generation, text-to-text generation, summarisation, translation, speech
	 * recognition and image captioning; read like {@link BytezResponse#outputText()}, so
	 * a chat answer reads as its content.
	 */
	public static final BytezOutput<String> TEXT = new BytezOutput<>("TEXT", "String", BytezResponse::outputText);

	/**
	 * A chat answer, {@code {"role": "assistant", "content": "..."}}: chat and image,
	 * audio and video chat.
	 */
	public static final BytezOutput<BytezMessage> CHAT_MESSAGE = of("CHAT_MESSAGE", new TypeReference<>() {
	});

	/**
	 * Labels with scores: image, audio, video, text and zero-shot image classification.
	 */
	public static final BytezOutput<List<Label>> LABELS = of("LABELS", new TypeReference<>() {
	});

	/** Objects with boxes: object detection and zero-shot object detection. */
	public static final BytezOutput<List<DetectedObject>> DETECTED_OBJECTS = of("DETECTED_OBJECTS",
			new TypeReference<>() {
			});

	/** One answer with its score and position: question answering. */
	public static final BytezOutput<Answer> ANSWER = of("ANSWER", new TypeReference<>() {
	});

	/** A list of answers: document and visual question answering. */
	public static final BytezOutput<List<Answer>> ANSWERS = of("ANSWERS", new TypeReference<>() {
	});

	/** Candidates for the masked token: fill-mask. */
	public static final BytezOutput<List<MaskFill>> MASK_FILLS = of("MASK_FILLS", new TypeReference<>() {
	});

	/** Classified tokens or spans: token classification (named-entity recognition). */
	public static final BytezOutput<List<Entity>> ENTITIES = of("ENTITIES", new TypeReference<>() {
	});

	/** Candidate labels ordered by score: zero-shot text classification. */
	public static final BytezOutput<ZeroShotResult> ZERO_SHOT = of("ZERO_SHOT", new TypeReference<>() {
	});

	/** One vector: feature extraction and sentence similarity. */
	public static final BytezOutput<float[]> EMBEDDING = of("EMBEDDING", new TypeReference<>() {
	});

	/** Several vectors: image feature extraction. */
	public static final BytezOutput<List<float[]>> EMBEDDINGS = of("EMBEDDINGS", new TypeReference<>() {
	});

	/**
	 * The URL of a generated file: text-to-image, text-to-speech, text-to-audio,
	 * text-to-video and unconditional image generation (to receive the file's bytes
	 * instead, stream the media).
	 */
	public static final BytezOutput<String> MEDIA_URL = of("MEDIA_URL", new TypeReference<>() {
	});

	/** Segments with masks: image segmentation. */
	public static final BytezOutput<List<Segment>> SEGMENTS = of("SEGMENTS", new TypeReference<>() {
	});

	/** A depth map: depth estimation. */
	public static final BytezOutput<DepthEstimation> DEPTH = of("DEPTH", new TypeReference<>() {
	});

	/** Masks with scores: mask generation. */
	public static final BytezOutput<MaskGeneration> MASKS = of("MASKS", new TypeReference<>() {
	});

	private final String name;

	private final String typeName;

	private final Function<BytezResponse, @Nullable T> reader;

	private BytezOutput(String name, String typeName, Function<BytezResponse, @Nullable T> reader) {
		this.name = name;
		this.typeName = typeName;
		this.reader = reader;
	}

	private static <T> BytezOutput<T> of(String name, TypeReference<T> type) {
		return new BytezOutput<>(name, type.getType().getTypeName().replaceAll("[a-z.]+\\.", ""),
				(response) -> response.convert(type));
	}

	/**
	 * Read a response's output as this shape.
	 * @param response the response, whose output is not null
	 * @return the output
	 * @throws tools.jackson.core.JacksonException or {@link IllegalStateException} when
	 * the output has another shape
	 */
	@Nullable T readFrom(BytezResponse response) {
		return this.reader.apply(response);
	}

	@Override
	public String toString() {
		return "BytezOutput." + this.name + " (" + this.typeName + ")";
	}

}
