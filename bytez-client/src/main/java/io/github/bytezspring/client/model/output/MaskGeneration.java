package io.github.bytezspring.client.model.output;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of mask generation (segment anything): the masks found in an image, with
 * their scores.
 *
 * @param inputImageDimensions the size of the image the masks cover (JSON
 * {@code input_image_dimensions})
 * @param masks one mask per segment, by row then column, 1 where a pixel belongs to the
 * segment and 0 where it does not
 * @param scores the score of each mask, in the same order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaskGeneration(@JsonProperty("input_image_dimensions") Dimensions inputImageDimensions,
		int @Nullable [][][] masks, @Nullable List<Double> scores) {

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof MaskGeneration that
				&& Objects.equals(this.inputImageDimensions, that.inputImageDimensions)
				&& Arrays.deepEquals(this.masks, that.masks) && Objects.equals(this.scores, that.scores));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.inputImageDimensions, Arrays.deepHashCode(this.masks), this.scores);
	}

	@Override
	public String toString() {
		return "MaskGeneration{inputImageDimensions=" + this.inputImageDimensions + ", masks="
				+ ((this.masks != null) ? this.masks.length : 0) + ", scores=" + this.scores + "}";
	}

	/**
	 * The size of an image in pixels.
	 *
	 * @param width the width
	 * @param height the height
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Dimensions(int width, int height) {
	}

}
