package io.github.bytezspring.client.model.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One candidate for the masked token of a fill-mask input.
 *
 * @param sequence the input with the mask filled in
 * @param score the model's confidence
 * @param token the id of the token filled in
 * @param tokenStr the token filled in, e.g. {@code world} (JSON {@code token_str})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MaskFill(String sequence, double score, int token, @JsonProperty("token_str") String tokenStr) {
}
