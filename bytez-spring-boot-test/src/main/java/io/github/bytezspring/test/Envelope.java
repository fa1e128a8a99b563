package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bytez's JSON envelope, {@code {"error": ..., "output": ...}}, as a WireMock response.
 */
final class Envelope {

	static final String JSON = "application/json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Envelope() {
	}

	/**
	 * A success: status 200, {@code error} null.
	 * @param output the output, or {@code null}
	 * @return the response
	 */
	static ResponseDefinitionBuilder ok(@Nullable JsonNode output) {
		return json(200, body(null, output));
	}

	/**
	 * A failure: {@code output} null.
	 * @param status the HTTP status
	 * @param message the {@code error}
	 * @return the response
	 */
	static ResponseDefinitionBuilder error(int status, @Nullable String message) {
		return json(status, body(message, null));
	}

	/**
	 * The envelope's JSON text.
	 * @param error the error, or {@code null}
	 * @param output the output, or {@code null}
	 * @return the JSON
	 */
	static String body(@Nullable String error, @Nullable JsonNode output) {
		ObjectNode envelope = MAPPER.createObjectNode();
		if (error != null) {
			envelope.put("error", error);
		}
		else {
			envelope.putNull("error");
		}
		envelope.set("output", (output != null) ? output : MAPPER.nullNode());
		return MAPPER.writeValueAsString(envelope);
	}

	/**
	 * Any JSON document as a response.
	 * @param status the HTTP status
	 * @param json the JSON text
	 * @return the response
	 */
	static ResponseDefinitionBuilder json(int status, String json) {
		return WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", JSON)
			.withBody(json.getBytes(StandardCharsets.UTF_8));
	}

}
