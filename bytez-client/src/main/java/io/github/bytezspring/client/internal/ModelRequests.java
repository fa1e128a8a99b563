package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

/**
 * Builds the request of a call to a model ({@code run}, {@code stream},
 * {@code streamMedia}): checks the arguments, writes the JSON body, and sends it to Bytez
 * or to the model's self-hosted container.
 */
public final class ModelRequests {

	private final ObjectMapper mapper;

	private final Map<String, String> endpoints;

	private final @Nullable String providerKey;

	private final BytezRetryPolicy retryPolicy;

	private final DataSize maxInlineMediaSize;

	private final String maxInlineMediaSizeName;

	private final boolean autoScale;

	private final ModelRoutes routes = new ModelRoutes();

	// whether params of plain values may be written as they are rather than through a
	// tree: the same
	// bytes unless the mapper sorts a tree's properties (which it would not do for a map)
	private final boolean paramsAsValues;

	/**
	 * Requests whose bodies ask for {@code autoScale} when {@code autoScale} is on and
	 * the call does not say otherwise.
	 * @param mapper writes the bodies
	 * @param endpoints the self-hosted containers' base URLs by model id
	 * @param providerKey the default provider key, or {@code null}
	 * @param retryPolicy the client's retry policy, which a call's {@code maxRetries}
	 * changes
	 * @param maxInlineMediaSize the largest inline media a call may send
	 * @param names what the settings are called for the user, in messages
	 * @param autoScale whether the bodies ask for {@code autoScale} by default
	 */
	public ModelRequests(ObjectMapper mapper, Map<String, String> endpoints, @Nullable String providerKey,
			BytezRetryPolicy retryPolicy, DataSize maxInlineMediaSize, SettingNames names, boolean autoScale) {
		this.autoScale = autoScale;
		this.mapper = mapper;
		this.maxInlineMediaSizeName = names.of("maxInlineMediaSize");
		this.endpoints = Map.copyOf(endpoints);
		this.providerKey = providerKey;
		this.retryPolicy = retryPolicy;
		this.maxInlineMediaSize = maxInlineMediaSize;
		this.paramsAsValues = !mapper.serializationConfig().isEnabled(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
	}

	/**
	 * The request of one call to a model.
	 * @param operation {@code RUN}, {@code STREAM} or {@code STREAM_MEDIA}
	 * @param modelId the model
	 * @param input what to send
	 * @param options the call's options
	 * @return the request
	 * @throws IllegalArgumentException when an argument is invalid
	 */
	public BytezRequest request(BytezOperation operation, String modelId, BytezInput input, BytezOptions options) {
		ModelIds.validate(modelId);
		if (input == null) {
			throw new IllegalArgumentException(
					"input must not be null; use BytezInput.none() for models without input");
		}
		if (options == null) {
			throw new IllegalArgumentException("options must not be null; use BytezOptions.defaults()");
		}
		input.checkInlineMediaSize(this.maxInlineMediaSize, this.maxInlineMediaSizeName);
		Keys.requireNoControlCharacters(options.providerKey(), "the providerKey of the options");
		Keys.requireNoControlCharacters(options.apiKey(), "the apiKey of the options");
		String endpoint = this.endpoints.get(modelId);
		return BytezRequest.post(operation, (endpoint != null) ? Route.container(endpoint) : this.routes.of(modelId))
			.model(modelId)
			.body(body(operation, input, options))
			.providerKey((options.providerKey() != null) ? options.providerKey() : this.providerKey)
			.apiKey(options.apiKey())
			.retryPolicy((options.maxRetries() != null) ? this.retryPolicy.withMaxRetries(options.maxRetries()) : null)
			.timeout(options.timeout())
			.build();
	}

	private byte[] body(BytezOperation operation, BytezInput input, BytezOptions options) {
		ObjectNode body = this.mapper.createObjectNode();
		input.writeTo(body);
		if (!options.params().isEmpty()) {
			if (this.paramsAsValues && plainValues(options.params())) {
				// written straight from the map when the body is written: the same bytes
				// as through a
				// tree for these value types, without building one per call
				body.putPOJO("params", options.params());
			}
			else {
				body.set("params", this.mapper.valueToTree(options.params()));
			}
		}
		options.fields().forEach((name, value) -> body.set(name, this.mapper.valueToTree(value)));
		if ((options.autoScale() != null) ? options.autoScale() : this.autoScale) {
			body.put("autoScale", true);
		}
		if (operation == BytezOperation.STREAM) {
			body.put("stream", true);
		}
		else if (operation == BytezOperation.STREAM_MEDIA) {
			body.put("json", false);
		}
		return this.mapper.writeValueAsBytes(body);
	}

	/**
	 * Whether every value is a string, a boolean or a primitive number, which Jackson
	 * writes the same whether from the map or from a tree of it (a {@code BigDecimal}, a
	 * nested structure or a null may not be: a tree may normalise them).
	 */
	private static boolean plainValues(Map<String, Object> params) {
		for (Object value : params.values()) {
			if (!(value instanceof String || value instanceof Boolean || value instanceof Integer
					|| value instanceof Long || value instanceof Double || value instanceof Float
					|| value instanceof Short || value instanceof Byte)) {
				return false;
			}
		}
		return true;
	}

}
