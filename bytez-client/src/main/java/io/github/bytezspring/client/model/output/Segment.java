package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One segment found by image segmentation: its class and its mask, a black and white PNG
 * image.
 *
 * @param label the class, e.g. {@code sleeve}
 * @param score the model's confidence, or {@code null} when the model gives none
 * (semantic segmentation)
 * @param maskPng the mask as a base64-encoded PNG (JSON {@code mask_png})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(String label, @Nullable Double score, @JsonProperty("mask_png") String maskPng) {

	/**
	 * The mask decoded into the bytes of a PNG file.
	 * @return the PNG's bytes
	 * @throws IllegalArgumentException when the mask is missing or not base64
	 */
	public byte[] maskPngBytes() {
		return Base64Images.decode(this.maskPng, "mask_png");
	}

}
