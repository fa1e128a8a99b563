package io.github.bytezspring.ai;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;

import org.springframework.ai.audio.transcription.AudioTranscription;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponse;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponseMetadata;
import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link TranscriptionModel} on a Bytez {@code automatic-speech-recognition}
 * model: audio at an {@code http(s)} URL is sent as {@code url} for Bytez to fetch, any
 * other resource as a data URL in {@code base64}.
 */
public final class BytezTranscriptionModel implements TranscriptionModel {

	private final BytezOperations bytez;

	private final BytezTranscriptionOptions defaultOptions;

	/**
	 * Create a model.
	 * @param bytez the client
	 * @param defaultOptions the options a prompt's own override
	 */
	public BytezTranscriptionModel(BytezOperations bytez, BytezTranscriptionOptions defaultOptions) {
		Assert.notNull(bytez, "bytez must not be null");
		Assert.notNull(defaultOptions, "defaultOptions must not be null");
		this.bytez = bytez;
		this.defaultOptions = defaultOptions;
	}

	@Override
	public AudioTranscriptionResponse call(AudioTranscriptionPrompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		BytezTranscriptionOptions options = this.defaultOptions.mergedWith(prompt.getOptions());
		String modelId = options.model();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException("the transcription options name no model: set "
					+ "BytezTranscriptionOptions.model(..) in the model's default options or the prompt's");
		}
		BytezResponse response = this.bytez
			.run(modelId, input(prompt.getInstructions()), BytezOptions.builder().params(options.params()).build())
			.block();
		Assert.state(response != null, "Bytez answered no response");
		AudioTranscriptionResponseMetadata metadata = new AudioTranscriptionResponseMetadata();
		BytezAiMetadata
			.entries(response.metadata(), BytezAiMetadata.estimatedCostNow(this.bytez, modelId, response.metadata()))
			.forEach(metadata::put);
		return new AudioTranscriptionResponse(new AudioTranscription(response.outputText()), metadata);
	}

	static BytezInput input(Resource audio) {
		Assert.notNull(audio, "audio must not be null");
		if (audio.isFile()) {
			return BytezInput.resource(audio);
		}
		try {
			// getURL() only names the resource: nothing is fetched here
			String location = audio.getURL().toString();
			if (location.startsWith("http://") || location.startsWith("https://")) {
				return BytezInput.url(location);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// no URL: the resource's bytes are sent instead
		}
		return BytezInput.resource(audio);
	}

}
