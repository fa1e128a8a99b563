package io.github.bytezspring.ai;

import java.util.List;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import reactor.core.publisher.Flux;

import org.springframework.ai.audio.tts.Speech;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;
import org.springframework.ai.audio.tts.TextToSpeechResponse;
import org.springframework.ai.audio.tts.TextToSpeechResponseMetadata;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link TextToSpeechModel} (and {@code StreamingTextToSpeechModel}) on a
 * Bytez {@code text-to-speech} model: the audio's bytes, streamed with
 * {@code json: false}.
 */
public final class BytezTextToSpeechModel implements TextToSpeechModel {

	private final BytezOperations bytez;

	private final BytezTextToSpeechOptions defaultOptions;

	/**
	 * Create a model.
	 * @param bytez the client
	 * @param defaultOptions the options a prompt's own override
	 */
	public BytezTextToSpeechModel(BytezOperations bytez, BytezTextToSpeechOptions defaultOptions) {
		Assert.notNull(bytez, "bytez must not be null");
		Assert.notNull(defaultOptions, "defaultOptions must not be null");
		this.bytez = bytez;
		this.defaultOptions = defaultOptions;
	}

	@Override
	public BytezTextToSpeechOptions getDefaultOptions() {
		return this.defaultOptions;
	}

	@Override
	public TextToSpeechResponse call(TextToSpeechPrompt prompt) {
		BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
		byte[] audio = DataBufferUtils.join(media(prompt))
			.map(BytezTextToSpeechModel::bytes)
			.contextWrite(capture::putInto)
			.block();
		BytezCallMetadata call = capture.metadata();
		TextToSpeechResponseMetadata metadata = new TextToSpeechResponseMetadata();
		BytezAiMetadata.entries(call, BytezAiMetadata.estimatedCostNow(this.bytez, modelId(prompt), call))
			.forEach(metadata::put);
		return new TextToSpeechResponse(List.of(new Speech((audio != null) ? audio : new byte[0])), metadata);
	}

	/**
	 * Stream the audio as it arrives, one response per piece.
	 * @param prompt the text and options
	 * @return the pieces in order
	 */
	@Override
	public Flux<TextToSpeechResponse> stream(TextToSpeechPrompt prompt) {
		return Flux.defer(() -> {
			BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
			return media(prompt)
				.map((buffer) -> new TextToSpeechResponse(List.of(new Speech(bytes(buffer))), metadata(capture)))
				.contextWrite(capture::putInto);
		});
	}

	/**
	 * The rate limit and metering of the answer: its headers arrive before the first
	 * piece of audio.
	 */
	private static TextToSpeechResponseMetadata metadata(BytezAiMetadata.Capture capture) {
		TextToSpeechResponseMetadata metadata = new TextToSpeechResponseMetadata();
		BytezAiMetadata.entries(capture.metadata(), null).forEach(metadata::put);
		return metadata;
	}

	private String modelId(TextToSpeechPrompt prompt) {
		String modelId = this.defaultOptions.mergedWith(prompt.getOptions()).model();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException("the speech options name no model: set "
					+ "BytezTextToSpeechOptions.model(..) in the model's default options or the prompt's");
		}
		return modelId;
	}

	private Flux<DataBuffer> media(TextToSpeechPrompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		BytezTextToSpeechOptions options = this.defaultOptions.mergedWith(prompt.getOptions());
		return this.bytez.streamMedia(modelId(prompt), BytezInput.text(prompt.getInstructions().getText()),
				BytezOptions.builder().params(options.params()).build());
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
