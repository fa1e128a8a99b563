package io.github.bytezspring.client.openai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An OpenAI-style text completion request: a model, a prompt and any further OpenAI
 * parameters.
 *
 * @param model the model
 * @param prompt the text to continue
 * @param params further request fields, sent as they are
 */
public record CompletionRequest(String model, String prompt, Map<String, Object> params) {

	/**
	 * Create a request, checking that it has a model and a prompt.
	 * @param model the model
	 * @param prompt the prompt
	 * @param params further request fields
	 */
	public CompletionRequest {
		Assert.hasText(model, "model must not be blank");
		Assert.notNull(prompt, "prompt must not be null");
		params = (params != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(params)) : Map.of();
	}

	/**
	 * A request with no further parameters.
	 * @param model the model
	 * @param prompt the prompt
	 * @return the request
	 */
	public static CompletionRequest of(String model, String prompt) {
		return new CompletionRequest(model, prompt, Map.of());
	}

	/**
	 * This request with another parameter.
	 * @param name the OpenAI field name, e.g. {@code max_tokens}
	 * @param value its value
	 * @return a new request
	 */
	public CompletionRequest withParam(String name, Object value) {
		return new CompletionRequest(this.model, this.prompt, OpenAiParams.with(this.params, name, value));
	}

	/**
	 * This request with {@code max_tokens}.
	 * @param maxTokens a positive count
	 * @return a new request
	 */
	public CompletionRequest withMaxTokens(int maxTokens) {
		return withParam("max_tokens", OpenAiParams.positive(maxTokens, "max_tokens"));
	}

}
