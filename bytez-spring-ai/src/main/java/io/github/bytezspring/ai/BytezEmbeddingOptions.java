package io.github.bytezspring.ai;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.EmbeddingOptions;

/**
 * The options of a {@link BytezEmbeddingModel}: the {@code feature-extraction} model, its
 * known dimensions and free-form {@code params}.
 *
 * @param model the model, e.g. {@code sentence-transformers/all-MiniLM-L6-v2}
 * @param dimensions the length of the model's vectors when known, so that
 * {@code dimensions()} needs no call; Bytez takes no such parameter
 * @param params free-form model parameters
 */
public record BytezEmbeddingOptions(@Nullable String model, @Nullable Integer dimensions,
		Map<String, Object> params) implements EmbeddingOptions {

	/**
	 * Check and copy the options.
	 */
	public BytezEmbeddingOptions {
		if (dimensions != null && dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, not " + dimensions);
		}
		params = ModelParams.copy(params);
	}

	/**
	 * Options naming a model.
	 * @param model the model
	 * @return the options
	 */
	public static BytezEmbeddingOptions model(String model) {
		return new BytezEmbeddingOptions(model, null, Map.of());
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Integer getDimensions() {
		return this.dimensions;
	}

	/**
	 * These options, overridden by what a request's options set.
	 * @param overrides the request's options, of any type
	 * @return the merged options
	 */
	public BytezEmbeddingOptions mergedWith(@Nullable EmbeddingOptions overrides) {
		if (overrides == null) {
			return this;
		}
		Map<String, Object> params = (overrides instanceof BytezEmbeddingOptions bytez)
				? ModelParams.merge(this.params, bytez.params) : this.params;
		return new BytezEmbeddingOptions(ModelParams.firstSet(overrides.getModel(), this.model),
				ModelParams.firstSet(overrides.getDimensions(), this.dimensions), params);
	}

	@Override
	public String toString() {
		return "BytezEmbeddingOptions[model=" + this.model + ", dimensions=" + this.dimensions + ", params="
				+ this.params.keySet() + "]";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof BytezEmbeddingOptions that && Objects.equals(this.model, that.model)
				&& Objects.equals(this.dimensions, that.dimensions) && this.params.equals(that.params);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.dimensions, this.params);
	}

}
