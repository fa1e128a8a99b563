package io.github.bytezspring.autoconfigure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezTask;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * The cheapest call each task accepts, for warming a model up: Bytez documents no way to
 * load a model without running it (its cluster endpoints are deprecated), so a warm-up is
 * a run with the smallest input of the model's task — a two-letter text, a 1x1 pixel
 * image, a tenth of a second of silence — asking for one new token where the task
 * generates text.
 */
final class WarmUpInputs {

	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC");

	private static final String TEXT = "Hi";

	private WarmUpInputs() {
	}

	/**
	 * The input of a warm-up call of a model of {@code task}.
	 * @param task the task's name as the model list gives it
	 * @return the input, or {@code null} when no small input exists for the task (video
	 * inputs)
	 */
	static @Nullable BytezInput inputFor(@Nullable String task) {
		BytezTask known = known(task);
		if (known == null) {
			return BytezInput.text(TEXT);
		}
		return switch (known) {
			case CHAT, IMAGE_TEXT_TO_TEXT, AUDIO_TEXT_TO_TEXT, VIDEO_TEXT_TO_TEXT ->
				BytezInput.messages(BytezMessage.user(TEXT));
			case QUESTION_ANSWERING -> BytezInput.question("Who?", "Hi, I am Bytez.");
			case ZERO_SHOT_CLASSIFICATION -> BytezInput.candidateLabels("greeting").withText(TEXT);
			case FILL_MASK -> BytezInput.text("Hi [MASK].");
			case UNCONDITIONAL_IMAGE_GENERATION -> BytezInput.none();
			case IMAGE_CLASSIFICATION, IMAGE_FEATURE_EXTRACTION, IMAGE_SEGMENTATION, IMAGE_TO_TEXT, MASK_GENERATION,
					OBJECT_DETECTION, DEPTH_ESTIMATION ->
				pixel();
			case VISUAL_QUESTION_ANSWERING, DOCUMENT_QUESTION_ANSWERING -> pixel().withQuestion("What?");
			case ZERO_SHOT_IMAGE_CLASSIFICATION, ZERO_SHOT_OBJECT_DETECTION ->
				BytezInput.candidateLabels("pixel").withBase64(pixelDataUrl());
			case AUDIO_CLASSIFICATION, AUTOMATIC_SPEECH_RECOGNITION ->
				BytezInput.base64(silence(), MediaType.parseMediaType("audio/wav"));
			case VIDEO_CLASSIFICATION -> null;
			default -> BytezInput.text(TEXT);
		};
	}

	/**
	 * The options of a warm-up call: one new token where the task generates text.
	 */
	static BytezOptions optionsFor(@Nullable String task) {
		BytezTask known = known(task);
		if (known == BytezTask.CHAT || known == BytezTask.TEXT_GENERATION || known == BytezTask.SUMMARIZATION
				|| known == BytezTask.TRANSLATION || known == BytezTask.IMAGE_TEXT_TO_TEXT
				|| known == BytezTask.AUDIO_TEXT_TO_TEXT || known == BytezTask.VIDEO_TEXT_TO_TEXT) {
			return BytezOptions.builder().param("max_new_tokens", 1).build();
		}
		return BytezOptions.defaults();
	}

	private static @Nullable BytezTask known(@Nullable String task) {
		if (task == null) {
			return null;
		}
		try {
			return BytezTask.fromWireName(task);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static BytezInput pixel() {
		return BytezInput.base64(pixelDataUrl());
	}

	private static String pixelDataUrl() {
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(PIXEL);
	}

	/** A tenth of a second of silence: 16 kHz, mono, 16-bit PCM in a WAV container. */
	private static byte[] silence() {
		int samples = 1600;
		int dataSize = samples * 2;
		ByteBuffer wav = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataSize);
		wav.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
		wav.putShort((short) 1)
			.putShort((short) 1)
			.putInt(16000)
			.putInt(32000)
			.putShort((short) 2)
			.putShort((short) 16);
		wav.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataSize);
		return wav.array();
	}

}
