package io.github.bytezspring.ai;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.image.ImageOptions;

/**
 * The options of a {@link BytezImageModel}: the {@code text-to-image} model, the image
 * size (sent as {@code params.width} and {@code params.height}), how many images, and
 * free-form {@code params}.
 *
 * @param model the model, e.g. {@code stabilityai/stable-diffusion-xl-base-1.0}
 * @param n how many images to make, one Bytez call each; {@code null} for one
 * @param width the width in pixels, sent as {@code params.width}
 * @param height the height in pixels, sent as {@code params.height}
 * @param responseFormat {@code url} (the default: the URL Bytez answers) or
 * {@code b64_json} (the image's bytes, streamed with {@code json: false} and given as
 * Base64)
 * @param params free-form model parameters, e.g. {@code num_inference_steps}
 */
public record BytezImageOptions(@Nullable String model, @Nullable Integer n, @Nullable Integer width,
		@Nullable Integer height, @Nullable String responseFormat, Map<String, Object> params) implements ImageOptions {

	/** The response format that asks for the image's bytes: {@value}. */
	public static final String B64_JSON = "b64_json";

	/** The response format that asks for the image's URL: {@value}. */
	public static final String URL = "url";

	/**
	 * Check and copy the options.
	 */
	public BytezImageOptions {
		if (n != null && n < 1) {
			throw new IllegalArgumentException("n must be at least 1, not " + n);
		}
		if (responseFormat != null && !URL.equals(responseFormat) && !B64_JSON.equals(responseFormat)) {
			throw new IllegalArgumentException(
					"responseFormat must be 'url' or 'b64_json', not '" + responseFormat + "'");
		}
		params = ModelParams.copy(params);
	}

	/**
	 * Options naming a model.
	 * @param model the model
	 * @return the options
	 */
	public static BytezImageOptions model(String model) {
		return new BytezImageOptions(model, null, null, null, null, Map.of());
	}

	@Override
	public @Nullable Integer getN() {
		return this.n;
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Integer getWidth() {
		return this.width;
	}

	@Override
	public @Nullable Integer getHeight() {
		return this.height;
	}

	@Override
	public @Nullable String getResponseFormat() {
		return this.responseFormat;
	}

	/**
	 * Bytez takes no style.
	 * @return {@code null}
	 */
	@Override
	public @Nullable String getStyle() {
		return null;
	}

	/**
	 * These options, overridden by what a prompt's options set.
	 * @param overrides the prompt's options, of any type
	 * @return the merged options
	 */
	public BytezImageOptions mergedWith(@Nullable ImageOptions overrides) {
		if (overrides == null) {
			return this;
		}
		Map<String, Object> params = (overrides instanceof BytezImageOptions bytez)
				? ModelParams.merge(this.params, bytez.params) : this.params;
		return new BytezImageOptions(ModelParams.firstSet(overrides.getModel(), this.model),
				ModelParams.firstSet(overrides.getN(), this.n), ModelParams.firstSet(overrides.getWidth(), this.width),
				ModelParams.firstSet(overrides.getHeight(), this.height),
				ModelParams.firstSet(overrides.getResponseFormat(), this.responseFormat), params);
	}

}
