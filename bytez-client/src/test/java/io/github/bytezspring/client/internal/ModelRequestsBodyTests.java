package io.github.bytezspring.client.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRequestsBodyTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void paramsOfPlainValuesAreWrittenByteForByteAsThroughATree() {
		BytezOptions options = BytezOptions.builder()
			.param("max_new_tokens", 64)
			.param("temperature", 0.7)
			.param("top_p", 0.9f)
			.param("seed", 12345678901L)
			.param("do_sample", true)
			.param("stop", "grüße ✓ \"quoted\"\n")
			.param("small", (short) 3)
			.param("tiny", (byte) 1)
			.build();
		assertThat(body(mapper, BytezOperation.RUN, options)).isEqualTo(throughTree(mapper, options, null))
			.isEqualTo("{\"text\":\"hi\",\"params\":{\"max_new_tokens\":64,\"temperature\":0.7,\"top_p\":0.9,"
					+ "\"seed\":12345678901,\"do_sample\":true,\"stop\":\"grüße ✓ \\\"quoted\\\"\\n\","
					+ "\"small\":3,\"tiny\":1}}");
		assertThat(body(mapper, BytezOperation.STREAM, options)).isEqualTo(throughTree(mapper, options, "stream"));
	}

	@Test
	void paramsAMapWouldWriteDifferentlyGoThroughATree() {
		BytezOptions options = BytezOptions.builder()
			.param("scale", new BigDecimal("1.50"))
			.param("nested", Map.of("a", List.of(1, 2)))
			.param("z", 1)
			.build();
		assertThat(body(mapper, BytezOperation.RUN, options)).isEqualTo(throughTree(mapper, options, null));
		JsonMapper sorting = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
		BytezOptions unsorted = BytezOptions.builder().param("z", 1).param("a", 2).build();
		assertThat(body(sorting, BytezOperation.RUN, unsorted)).isEqualTo(throughTree(sorting, unsorted, null))
			.contains("\"params\":{\"a\":2,\"z\":1}");
	}

	private static String body(ObjectMapper mapper, BytezOperation operation, BytezOptions options) {
		ModelRequests requests = new ModelRequests(mapper, Map.of(), null, BytezRetryPolicy.defaults(),
				DataSize.ofMegabytes(1), SettingNames.builderOptions(), false);
		byte[] body = requests.request(operation, "org/name", BytezInput.text("hi"), options).body();
		return new String(body, StandardCharsets.UTF_8);
	}

	// how the body was written before params were written from the map
	private static String throughTree(ObjectMapper mapper, BytezOptions options, String flag) {
		ObjectNode body = mapper.createObjectNode();
		BytezInput.text("hi").writeTo(body);
		body.set("params", mapper.valueToTree(options.params()));
		if (flag != null) {
			body.put(flag, true);
		}
		return new String(mapper.writeValueAsBytes(body), StandardCharsets.UTF_8);
	}

}
