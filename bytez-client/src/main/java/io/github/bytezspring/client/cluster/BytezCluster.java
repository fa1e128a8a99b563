package io.github.bytezspring.client.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A dedicated cluster serving one open model, as Bytez reports it.
 *
 * @param modelId the model it serves
 * @param status its status, e.g. {@code on} or {@code off}
 * @param created when it was created, as Bytez states it
 * @param modified when it was last changed, as Bytez states it
 * @param timeout minutes of inactivity before it scales down
 * @param capacity its instance bounds
 * @param instances how many instances run now
 * @param inferences how many inferences it has served
 * @param lastInference when it last served one, as Bytez states it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BytezCluster(@Nullable String modelId, @Nullable String status, @Nullable String created,
		@Nullable String modified, @Nullable Integer timeout, @Nullable BytezClusterCapacity capacity,
		@Nullable Integer instances, @Nullable Long inferences, @Nullable String lastInference) {
}
