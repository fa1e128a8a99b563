package io.github.bytezspring.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One entry of Bytez's model catalogue.
 *
 * @param modelId the id to run the model with, e.g. {@code Qwen/Qwen3-4B}
 * @param task the task the model performs, e.g. {@code chat}
 * @param params the number of parameters in billions, or {@code null} when unknown
 * @param ramRequired the GPU memory the model needs in GB, or {@code null} when unknown
 * @param meter the billing meter, e.g. {@code sm-free}
 * @param meterPrice the price as Bytez states it, e.g. {@code 0.0006478333 / sec}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BytezModelInfo(@Nullable String modelId, @Nullable String task, @Nullable Double params,
		@Nullable Double ramRequired, @Nullable String meter, @Nullable String meterPrice) {
}
