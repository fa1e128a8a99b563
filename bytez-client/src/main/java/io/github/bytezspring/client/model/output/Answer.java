package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * An answer found by question answering, document question answering or visual question
 * answering.
 *
 * @param answer the answer, e.g. {@code Ron}
 * @param score the model's confidence, or {@code null} when the model gives none (visual
 * question answering)
 * @param start where the answer starts in the context, or {@code null} when not given
 * @param end where the answer ends in the context, or {@code null} when not given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Answer(String answer, @Nullable Double score, @Nullable Integer start, @Nullable Integer end) {
}
