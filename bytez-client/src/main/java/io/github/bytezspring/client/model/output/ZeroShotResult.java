package io.github.bytezspring.client.model.output;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The answer of zero-shot text classification: the candidate labels ordered by score,
 * best first.
 *
 * @param sequence the classified text
 * @param labels the candidate labels, best first
 * @param scores their scores, in the same order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ZeroShotResult(String sequence, @Nullable List<String> labels, @Nullable List<Double> scores) {

	/**
	 * The labels paired with their scores, best first, like the other classification
	 * tasks answer.
	 * @return the labels
	 * @throws IllegalStateException when there are not as many scores as labels
	 */
	public List<Label> asLabels() {
		if (this.labels == null || this.scores == null || this.labels.size() != this.scores.size()) {
			throw new IllegalStateException(
					"zero-shot result has " + size(this.labels) + " labels but " + size(this.scores) + " scores");
		}
		List<Label> result = new ArrayList<>(this.labels.size());
		for (int i = 0; i < this.labels.size(); i++) {
			result.add(new Label(this.labels.get(i), this.scores.get(i)));
		}
		return List.copyOf(result);
	}

	private static int size(@Nullable List<?> list) {
		return (list != null) ? list.size() : 0;
	}

}
