package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the {@link BytezStubServer} received, for tests to assert what a client sent.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path without the query, e.g. {@code /models/v2/Qwen/Qwen3-4B}
 * @param query the raw query string without the {@code ?}, or {@code null} when there was
 * none
 * @param headers every header by its name as sent, with all its values
 * @param body the body as UTF-8 text, empty when there was none
 */
public record StubRequest(String method, String path, @Nullable String query, Map<String, List<String>> headers,
		String body) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * Create a request, copying the headers.
	 * @param method the HTTP method
	 * @param path the path
	 * @param query the query, or {@code null}
	 * @param headers the headers
	 * @param body the body
	 */
	public StubRequest {
		headers = headers.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (header) -> List.copyOf(header.getValue())));
	}

	/**
	 * The first value of a header, whatever the case of its name.
	 * @param name the header name, e.g. {@code authorization}
	 * @return the value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		return this.headers.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
			.map((header) -> header.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The model the request is about: the one in a run or cluster path such as
	 * {@code /models/v2/Qwen/Qwen3-4B}, or the {@code model} of an OpenAI-compatible
	 * request's body.
	 * @return the model id, or {@code null} for a request about no model (a list call,
	 * say)
	 */
	public @Nullable String modelId() {
		return BytezAnswers.modelOf(this.path, this.body.getBytes(StandardCharsets.UTF_8), MAPPER);
	}

	/**
	 * The body read as JSON, e.g. to assert {@code json().get("stream").asBoolean()}.
	 * @return the JSON tree
	 * @throws tools.jackson.core.JacksonException when the body is not JSON
	 */
	public JsonNode json() {
		return MAPPER.readTree(this.body);
	}

}
