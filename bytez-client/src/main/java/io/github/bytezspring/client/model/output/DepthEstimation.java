package io.github.bytezspring.client.model.output;

import java.util.Arrays;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of depth estimation: a depth map as a grey-scale PNG and as numbers, one per
 * pixel.
 *
 * @param depthPng the depth map as a base64-encoded PNG (JSON {@code depth_png})
 * @param depth the depth of each pixel, by row then column (JSON
 * {@code formatted_predicted_depth_array})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepthEstimation(@JsonProperty("depth_png") @Nullable String depthPng,
		@JsonProperty("formatted_predicted_depth_array") float @Nullable [][] depth) {

	/**
	 * The depth map decoded into the bytes of a PNG file.
	 * @return the PNG's bytes
	 * @throws IllegalArgumentException when the image is missing or not base64
	 */
	public byte[] depthPngBytes() {
		return Base64Images.decode(this.depthPng, "depth_png");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof DepthEstimation that && Objects.equals(this.depthPng, that.depthPng)
				&& Arrays.deepEquals(this.depth, that.depth));
	}

	@Override
	public int hashCode() {
		return 31 * Objects.hashCode(this.depthPng) + Arrays.deepHashCode(this.depth);
	}

	@Override
	public String toString() {
		return "DepthEstimation{depthPng=" + ((this.depthPng != null) ? this.depthPng.length() + " chars" : "null")
				+ ", depth=" + ((this.depth != null) ? this.depth.length + " rows" : "null") + "}";
	}

}
