package io.github.bytezspring.benchmarks.jmh;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.bytezspring.benchmarks.Workload;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.BytezTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * The per-call cost of a run call without a network: the request body (BytezInput +
 * BytezOptions to JSON bytes, done when {@code run(..)} is called), the whole call
 * against a canned answer, and the bare WebClient doing the same exchange; plus two
 * public-API replicas of the body serialisation (through a JSON tree, as the client does
 * it, and streamed straight to bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBodyBenchmark {

	private final ObjectMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Map<String, Object> params = Workload.OPTIONS.params();

	private BytezTemplate template;

	private WebClient webClient;

	/** Build the in-memory clients. */
	@Setup
	public void setUp() {
		this.template = InMemoryBytez.template(() -> InMemoryBytez.json(InMemoryBytez.RUN_ANSWER));
		this.webClient = InMemoryBytez.webClientBuilder(() -> InMemoryBytez.json(InMemoryBytez.RUN_ANSWER))
			.baseUrl(InMemoryBytez.BASE_URL)
			.build();
	}

	/**
	 * {@code run(..)} without subscribing: model id check and request body serialisation.
	 * @return the unsubscribed call
	 */
	@Benchmark
	public Mono<BytezResponse> templateRunAssembly() {
		return this.template.run(Workload.RUN_MODEL, Workload.INPUT, Workload.OPTIONS);
	}

	/**
	 * A whole run call against a canned answer: body, request, retry wrapper, JSON
	 * envelope check.
	 * @return the output text
	 */
	@Benchmark
	public String templateRunInMemory() {
		return this.template.run(Workload.RUN_MODEL, Workload.INPUT, Workload.OPTIONS)
			.map(BytezResponse::outputText)
			.block();
	}

	/**
	 * The floor: a bare WebClient posting prepared bytes and reading the answer as a
	 * String.
	 * @return the body
	 */
	@Benchmark
	public String bareWebClientInMemory() {
		return this.webClient.post()
			.uri("/models/v2/" + Workload.RUN_MODEL)
			.header(HttpHeaders.AUTHORIZATION, "bench-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Workload.RUN_BODY)
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	/**
	 * Replica of the client's way: an {@code ObjectNode}, params through
	 * {@code valueToTree}, then bytes.
	 * @return the body
	 */
	@Benchmark
	public byte[] bodyViaTree() {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("text", Workload.PROMPT);
		body.set("params", this.mapper.valueToTree(this.params));
		return this.mapper.writeValueAsBytes(body);
	}

	/**
	 * The alternative: the same JSON written field by field by one generator.
	 * @return the body
	 */
	@Benchmark
	public byte[] bodyViaGenerator() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty("text", Workload.PROMPT);
			generator.writeName("params");
			generator.writePOJO(this.params);
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

}
