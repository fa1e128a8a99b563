package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.cluster.BytezCluster;
import io.github.bytezspring.client.cluster.BytezClusterCapacity;
import io.github.bytezspring.client.cluster.BytezClusterUpdate;
import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.model.BytezOperation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

import reactor.core.publisher.Mono;

/**
 * Cluster management over the shared exchange machinery:
 * {@code GET /models/v2/list/clusters} and {@code PUT/GET/PATCH/DELETE
 * /models/v2/{modelId}}.
 */
public final class DefaultBytezClusters implements BytezClusters {

	private static final TypeReference<List<BytezCluster>> CLUSTER_LIST = new TypeReference<>() {
	};

	private final CallPipeline pipeline;

	private final ObjectMapper mapper;

	private final ResponseBodies bodies;

	public DefaultBytezClusters(CallPipeline pipeline, ObjectMapper mapper, ResponseBodies bodies) {
		this.pipeline = pipeline;
		this.mapper = mapper;
		this.bodies = bodies;
	}

	public static int validTimeout(int minutes) {
		return BytezClusterUpdate.checkTimeoutMinutes(minutes);
	}

	@Override
	public Mono<List<BytezCluster>> list() {
		BytezRequest request = BytezRequest.get(BytezOperation.LIST_CLUSTERS, Route.listClusters()).build();
		return this.pipeline.exchangeForValue(request, answer(request, (output) -> {
			if (!output.isArray()) {
				throw new IllegalStateException("output is not a list");
			}
			return List.copyOf(this.mapper.treeToValue(output, CLUSTER_LIST));
		}));
	}

	@Override
	public Mono<BytezCluster> get(String modelId) {
		return cluster(BytezOperation.GET_CLUSTER, HttpMethod.GET, modelId, null);
	}

	@Override
	public Mono<BytezCluster> create(String modelId, BytezClusterCapacity capacity, int timeoutMinutes) {
		if (capacity == null) {
			throw new IllegalArgumentException("capacity must not be null");
		}
		capacity.validate();
		ObjectNode body = this.mapper.createObjectNode();
		body.set("capacity", this.mapper.valueToTree(capacity));
		body.put("timeout", validTimeout(timeoutMinutes));
		return cluster(BytezOperation.CREATE_CLUSTER, HttpMethod.PUT, modelId, body);
	}

	@Override
	public Mono<BytezCluster> update(String modelId, BytezClusterUpdate update) {
		if (update == null || (update.capacity() == null && update.timeout() == null && update.status() == null)) {
			throw new IllegalArgumentException("update must change the capacity, the timeout or the status");
		}
		ObjectNode body = this.mapper.createObjectNode();
		if (update.capacity() != null) {
			update.capacity().validate();
			body.set("capacity", this.mapper.valueToTree(update.capacity()));
		}
		if (update.timeout() != null) {
			body.put("timeout", validTimeout(update.timeout()));
		}
		if (update.status() != null) {
			body.put("status", update.status());
		}
		return cluster(BytezOperation.UPDATE_CLUSTER, HttpMethod.PATCH, modelId, body);
	}

	@Override
	public Mono<Void> delete(String modelId) {
		BytezRequest request = request(BytezOperation.DELETE_CLUSTER, HttpMethod.DELETE, modelId, null);
		return this.pipeline.exchangeForValue(request, new JsonAnswerReader<>(this.bodies, Function.identity())).then();
	}

	private Mono<BytezCluster> cluster(BytezOperation operation, HttpMethod method, String modelId,
			@Nullable ObjectNode body) {
		BytezRequest request = request(operation, method, modelId, body);
		return this.pipeline.exchangeForValue(request, answer(request, (output) -> {
			if (!output.isObject()) {
				throw new IllegalStateException("output is not a cluster");
			}
			return this.mapper.treeToValue(output, BytezCluster.class);
		}));
	}

	private BytezRequest request(BytezOperation operation, HttpMethod method, String modelId,
			@Nullable ObjectNode body) {
		ModelIds.validate(modelId);
		byte[] json = (body != null) ? this.mapper.writeValueAsBytes(body) : null;
		return BytezRequest.method(operation, method, Route.model(modelId)).model(modelId).body(json).build();
	}

	private <T> JsonAnswerReader<T> answer(BytezRequest request, Function<JsonNode, T> reader) {
		return new JsonAnswerReader<>(this.bodies, (root) -> read(request, root, reader));
	}

	private <T> T read(BytezRequest request, JsonNode root, Function<JsonNode, T> reader) {
		JsonNode output = root.get("output");
		try {
			if (output == null) {
				throw new IllegalStateException("no output");
			}
			return reader.apply(output);
		}
		catch (IllegalStateException | JacksonException ex) {
			throw this.bodies.errors(request)
				.invalid(request.operation(), request.modelId(), HttpStatusCode.valueOf(200),
						"that is not a cluster answer (" + ex.getMessage() + ")",
						root.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

}
