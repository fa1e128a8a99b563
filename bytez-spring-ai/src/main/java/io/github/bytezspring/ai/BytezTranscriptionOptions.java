package io.github.bytezspring.ai;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;

/**
 * The options of a {@link BytezTranscriptionModel}: the
 * {@code automatic-speech-recognition} model and free-form {@code params}.
 *
 * @param model the model, e.g. {@code openai/whisper-large-v3}
 * @param params free-form model parameters
 */
public record BytezTranscriptionOptions(@Nullable String model,
		Map<String, Object> params) implements AudioTranscriptionOptions {

	/**
	 * Check and copy the options.
	 */
	public BytezTranscriptionOptions {
		params = ModelParams.copy(params);
	}

	/**
	 * Options naming a model.
	 * @param model the model
	 * @return the options
	 */
	public static BytezTranscriptionOptions model(String model) {
		return new BytezTranscriptionOptions(model, Map.of());
	}

	// Spring AI 2.0 declares AudioTranscriptionOptions#getModel() non-null, unlike the
	// model of its other
	// options types; these options may name no model, which BytezTranscriptionModel
	// reports at call time
	@SuppressWarnings("NullAway")
	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * These options, overridden by what a prompt's options set.
	 * @param overrides the prompt's options, of any type
	 * @return the merged options
	 */
	public BytezTranscriptionOptions mergedWith(@Nullable AudioTranscriptionOptions overrides) {
		if (overrides == null) {
			return this;
		}
		Map<String, Object> params = (overrides instanceof BytezTranscriptionOptions bytez)
				? ModelParams.merge(this.params, bytez.params) : this.params;
		return new BytezTranscriptionOptions(ModelParams.firstSet(overrides.getModel(), this.model), params);
	}

}
