package io.github.bytezspring.ai;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.audio.tts.TextToSpeechOptions;

/**
 * The options of a {@link BytezTextToSpeechModel}: the {@code text-to-speech} model and
 * free-form {@code params}; Bytez takes no voice, format or speed of its own (a model
 * that has them takes them in {@code params}).
 *
 * @param model the model, e.g. {@code suno/bark-small}
 * @param params free-form model parameters
 */
public record BytezTextToSpeechOptions(@Nullable String model,
		Map<String, Object> params) implements TextToSpeechOptions {

	/**
	 * Check and copy the options.
	 */
	public BytezTextToSpeechOptions {
		params = ModelParams.copy(params);
	}

	/**
	 * Options naming a model.
	 * @param model the model
	 * @return the options
	 */
	public static BytezTextToSpeechOptions model(String model) {
		return new BytezTextToSpeechOptions(model, Map.of());
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	/**
	 * Bytez takes no voice.
	 * @return {@code null}
	 */
	@Override
	public @Nullable String getVoice() {
		return null;
	}

	/**
	 * The format is the model's own; the response names it.
	 * @return {@code null}
	 */
	@Override
	public @Nullable String getFormat() {
		return null;
	}

	/**
	 * Bytez takes no speed.
	 * @return {@code null}
	 */
	@Override
	public @Nullable Double getSpeed() {
		return null;
	}

	/**
	 * These options, overridden by what a prompt's options set.
	 * @param overrides the prompt's options, of any type
	 * @return the merged options
	 */
	public BytezTextToSpeechOptions mergedWith(@Nullable TextToSpeechOptions overrides) {
		if (overrides == null) {
			return this;
		}
		Map<String, Object> params = (overrides instanceof BytezTextToSpeechOptions bytez)
				? ModelParams.merge(this.params, bytez.params) : this.params;
		return new BytezTextToSpeechOptions(ModelParams.firstSet(overrides.getModel(), this.model), params);
	}

}
