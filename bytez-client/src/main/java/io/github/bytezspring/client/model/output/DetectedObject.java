package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An object found in an image by (zero-shot) object detection: its class, the model's
 * confidence and where it is.
 *
 * @param label the class, e.g. {@code cat}
 * @param score the model's confidence, usually in [0, 1]
 * @param box where the object is
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetectedObject(String label, double score, Box box) {

	/**
	 * A bounding box in the image's pixel coordinates (a box may reach past the image's
	 * edges).
	 *
	 * @param xmin the left edge
	 * @param ymin the top edge
	 * @param xmax the right edge
	 * @param ymax the bottom edge
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Box(double xmin, double ymin, double xmax, double ymax) {
	}

}
