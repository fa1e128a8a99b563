package io.github.bytezspring.client.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.NullNode;

import org.springframework.util.Assert;

/**
 * The result of running a model: Bytez's {@code output}, readable as JSON, text or a type
 * of yours, and for closed models the provider's raw answer.
 */
public final class BytezResponse {

	private final JsonNode output;

	private final @Nullable JsonNode provider;

	private final ObjectMapper mapper;

	private final BytezCallSummary call;

	/**
	 * Create a response from the fields of Bytez's answer.
	 * @param output the {@code output}, {@code null} or a {@code NullNode} when Bytez
	 * sent none
	 * @param provider the {@code provider} answer of a closed model, {@code null} or a
	 * {@code NullNode} if none
	 * @param mapper the mapper that reads the output as other types
	 */
	public BytezResponse(@Nullable JsonNode output, @Nullable JsonNode provider, ObjectMapper mapper) {
		this(output, provider, mapper, BytezCallMetadata.empty());
	}

	/**
	 * Create a response from the fields of Bytez's answer and what its headers said.
	 * @param output the {@code output}, {@code null} or a {@code NullNode} when Bytez
	 * sent none
	 * @param provider the {@code provider} answer of a closed model, {@code null} or a
	 * {@code NullNode} if none
	 * @param mapper the mapper that reads the output as other types
	 * @param metadata the rate-limit and metering headers of the answer
	 */
	public BytezResponse(@Nullable JsonNode output, @Nullable JsonNode provider, ObjectMapper mapper,
			BytezCallMetadata metadata) {
		this(output, provider, mapper, BytezCallSummary.of(nonNull(metadata)));
	}

	/**
	 * Create a response from the fields of Bytez's answer and what the client recorded
	 * about its call.
	 * @param output the {@code output}, {@code null} or a {@code NullNode} when Bytez
	 * sent none
	 * @param provider the {@code provider} answer of a closed model, {@code null} or a
	 * {@code NullNode} if none
	 * @param mapper the mapper that reads the output as other types
	 * @param call the call's attempts, status, headers, token usage and timings
	 */
	public BytezResponse(@Nullable JsonNode output, @Nullable JsonNode provider, ObjectMapper mapper,
			BytezCallSummary call) {
		Assert.notNull(mapper, "mapper must not be null");
		Assert.notNull(call, "call must not be null");
		this.output = (output != null) ? output : NullNode.getInstance();
		this.provider = (provider == null || provider.isNull() || provider.isMissingNode()) ? null : provider;
		this.mapper = mapper;
		this.call = call;
	}

	private static BytezCallMetadata nonNull(BytezCallMetadata metadata) {
		Assert.notNull(metadata, "metadata must not be null");
		return metadata;
	}

	/**
	 * The id of the model that answered: the model the call named, or the one of its
	 * fallback models that took the call over when it could not answer.
	 * @return the model id, or {@code null} for a response not made by a call (e.g. built
	 * in a test)
	 */
	public @Nullable String model() {
		return this.call.model();
	}

	/**
	 * What Bytez's answer said about the account's rate limit and the call's metering
	 * (inference time and meter), e.g. to estimate the call's cost.
	 * @return the metadata, with empty values for headers the answer did not have
	 */
	public BytezCallMetadata metadata() {
		return this.call.metadata();
	}

	/**
	 * What the client recorded about the call that produced this response: its attempts,
	 * the answer's status, headers and token usage, and how long it took.
	 * @return the summary; for a response made by hand, only its metadata is known
	 */
	public BytezCallSummary call() {
		return this.call;
	}

	/**
	 * The model's output as Bytez sent it; its shape depends on the task (a string, an
	 * object such as a chat message, or an array such as classification labels).
	 * @return the output, a {@code NullNode} when Bytez sent none
	 */
	public JsonNode output() {
		return this.output;
	}

	/**
	 * The output as text: a string output as is, a chat message's {@code content}, or the
	 * {@code generated_text}, {@code summary_text} or {@code translation_text} of the
	 * first result.
	 * @return the text
	 * @throws IllegalStateException when the output holds no text (e.g. classification
	 * labels)
	 */
	public String outputText() {
		String text = textOf(this.output);
		if (text == null && this.output.isArray() && this.output.size() > 0) {
			text = textOf(this.output.get(0));
		}
		if (text == null) {
			throw new IllegalStateException("the output is not text but " + this.output.getNodeType()
					+ "; use output() or outputAs(..) to read it");
		}
		return text;
	}

	private static @Nullable String textOf(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isObject()) {
			for (String field : new String[] { "content", "generated_text", "summary_text", "translation_text",
					"text" }) {
				JsonNode value = node.get(field);
				if (value != null && value.isString()) {
					return value.stringValue();
				}
			}
		}
		return null;
	}

	/**
	 * The output converted to a type of yours, e.g. a record matching the task's output
	 * shape.
	 * @param <T> the type
	 * @param type the class to convert to
	 * @return the converted output, or {@code null} when the output is null
	 * @throws IllegalArgumentException when the output does not fit the type
	 */
	public <T> @Nullable T outputAs(Class<T> type) {
		Assert.notNull(type, "type must not be null");
		try {
			return this.mapper.treeToValue(this.output, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"the output cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The output converted to a generic type, e.g. {@code new
	 * TypeReference<List<Label>>() {}}.
	 * @param <T> the type
	 * @param type the type to convert to
	 * @return the converted output, or {@code null} when the output is null
	 * @throws IllegalArgumentException when the output does not fit the type
	 */
	public <T> @Nullable T outputAs(TypeReference<T> type) {
		Assert.notNull(type, "type must not be null");
		try {
			return this.mapper.treeToValue(this.output, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"the output cannot be read as " + type.getType() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The output read as the shape a task answers with, e.g.
	 * {@code List<Label> labels = response.outputAs(BytezOutput.LABELS)} or
	 * {@code response.outputAs(BytezTask.CHAT.output())}.
	 * @param <T> the type the shape reads as
	 * @param output the shape, one of the constants of {@link BytezOutput}
	 * @return the output, or {@code null} when the output is null
	 * @throws IllegalArgumentException when the output has another shape
	 */
	public <T> @Nullable T outputAs(BytezOutput<T> output) {
		Assert.notNull(output, "output must not be null");
		if (this.output.isNull()) {
			return null;
		}
		try {
			return output.readFrom(this);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"the output cannot be read as " + output + ": " + ex.getOriginalMessage(), ex);
		}
		catch (IllegalStateException ex) {
			throw new IllegalArgumentException("the output cannot be read as " + output + ": " + ex.getMessage(), ex);
		}
	}

	<T> @Nullable T convert(TypeReference<T> type) {
		return this.mapper.treeToValue(this.output, type);
	}

	/**
	 * The closed-source provider's raw response (OpenAI, Anthropic, ...), as Bytez passed
	 * it on.
	 * @return the provider's JSON, or {@code null} for open models
	 */
	public @Nullable JsonNode provider() {
		return this.provider;
	}

	@Override
	public String toString() {
		String json = this.output.toString();
		return "BytezResponse{output=" + ((json.length() > 200) ? json.substring(0, 200) + "..." : json)
				+ ((this.provider != null) ? ", provider=present" : "")
				+ ((this.call.model() != null) ? ", model=" + this.call.model() : "") + "}";
	}

}
