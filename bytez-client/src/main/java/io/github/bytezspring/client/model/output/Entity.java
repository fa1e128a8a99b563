package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A token or span classified by token classification (named-entity recognition).
 *
 * @param entity the class, e.g. {@code B-PER}; read from {@code entity_group} when the
 * model groups tokens into spans
 * @param score the model's confidence
 * @param index the token's position, or {@code null} for a grouped span
 * @param word the token or span, e.g. {@code John}
 * @param start where it starts in the text, or {@code null} when not given
 * @param end where it ends in the text, or {@code null} when not given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Entity(@JsonAlias("entity_group") String entity, double score, @Nullable Integer index, String word,
		@Nullable Integer start, @Nullable Integer end) {
}
