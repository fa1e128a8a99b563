package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A class and its score, as image, audio, video, text and zero-shot image classification
 * answer.
 *
 * @param label the class, e.g. {@code beagle}
 * @param score the model's confidence, usually in [0, 1]
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Label(String label, double score) {
}
