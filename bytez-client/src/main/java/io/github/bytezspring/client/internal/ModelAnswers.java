package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.model.BytezTokenUsage;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatusCode;

/**
 * Reads the {@code output} of the JSON answers of the model API: a {@link BytezResponse}
 * for {@code run}, a list for the list calls.
 */
public final class ModelAnswers {

	private final ObjectMapper mapper;

	private final ResponseBodies bodies;

	public ModelAnswers(ObjectMapper mapper, ResponseBodies bodies) {
		this.mapper = mapper;
		this.bodies = bodies;
	}

	/**
	 * The reader of a {@code run} answer: the response carries the record of its call,
	 * with the provider's token usage when given.
	 * @param request the call
	 * @return the reader
	 */
	public ResponseReader<BytezResponse> response(BytezRequest request) {
		return new JsonAnswerReader<>(this.bodies, (JsonNode root, CallRecord call) -> {
			requireOutput(request, root);
			JsonNode provider = root.get("provider");
			if (provider != null) {
				call.usage(BytezTokenUsage.of(provider));
			}
			return new BytezResponse(root.get("output"), provider, this.mapper, call.summary());
		});
	}

	/**
	 * The reader of an answer whose output is a list.
	 * @param request the call
	 * @param type the list's type
	 * @param <T> the element type
	 * @return the reader
	 */
	public <T> ResponseReader<List<T>> list(BytezRequest request, TypeReference<List<T>> type) {
		return new JsonAnswerReader<>(this.bodies, (root) -> {
			requireOutput(request, root);
			JsonNode output = root.get("output");
			if (!output.isArray()) {
				throw invalid(request, "whose output is not a list", root);
			}
			try {
				return List.copyOf(this.mapper.treeToValue(output, type));
			}
			catch (JacksonException | NullPointerException ex) {
				throw invalid(request, "whose output list cannot be read (" + ex.getMessage() + ")", root);
			}
		});
	}

	private void requireOutput(BytezRequest request, JsonNode root) {
		if (!root.has("output")) {
			throw invalid(request, "without an 'output' field", root);
		}
	}

	private BytezInvalidResponseException invalid(BytezRequest request, String problem, JsonNode root) {
		return this.bodies.errors(request)
			.invalid(request.operation(), request.modelId(), HttpStatusCode.valueOf(200), problem,
					root.toString().getBytes(StandardCharsets.UTF_8));
	}

}
