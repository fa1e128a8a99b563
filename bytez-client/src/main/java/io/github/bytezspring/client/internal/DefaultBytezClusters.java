package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.cluster.BytezCluster;
import io.github.bytezspring.client.cluster.BytezClusterCapacity;
import io.github.bytezspring.client.cluster.BytezClusterUpdate;
import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.model.BytezOperation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.bytezspring.client.internal.BytezExchanges.Call;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.util.UriBuilder;

import reactor.core.publisher.Mono;

/**
 * Cluster management over the shared exchange machinery: {@code GET /models/v2/list/clusters} and
 * {@code PUT/GET/PATCH/DELETE /models/v2/{modelId}}.
 */
public final class DefaultBytezClusters implements BytezClusters {

	private static final TypeReference<List<BytezCluster>> CLUSTER_LIST = new TypeReference<>() {
	};

	private final BytezExchanges exchanges;

	public DefaultBytezClusters(BytezExchanges exchanges) {
		this.exchanges = exchanges;
	}

	public static int validTimeout(int minutes) {
		return BytezClusterUpdate.checkTimeoutMinutes(minutes);
	}

	@Override
	public Mono<List<BytezCluster>> list() {
		Call call = new Call(BytezOperation.LIST_CLUSTERS, null, HttpMethod.GET,
				(uri) -> uri.path("/models/v2/list/clusters").build(), null, this.exchanges.retryPolicy());
		return this.exchanges.json(call, (root) -> read(call, root, (output) -> {
			if (!output.isArray()) {
				throw new IllegalStateException("output is not a list");
			}
			return List.copyOf(this.exchanges.mapper().treeToValue(output, CLUSTER_LIST));
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
		ObjectNode body = this.exchanges.mapper().createObjectNode();
		body.set("capacity", this.exchanges.mapper().valueToTree(capacity));
		body.put("timeout", validTimeout(timeoutMinutes));
		return cluster(BytezOperation.CREATE_CLUSTER, HttpMethod.PUT, modelId, body);
	}

	@Override
	public Mono<BytezCluster> update(String modelId, BytezClusterUpdate update) {
		if (update == null || (update.capacity() == null && update.timeout() == null && update.status() == null)) {
			throw new IllegalArgumentException("update must change the capacity, the timeout or the status");
		}
		ObjectNode body = this.exchanges.mapper().createObjectNode();
		if (update.capacity() != null) {
			update.capacity().validate();
			body.set("capacity", this.exchanges.mapper().valueToTree(update.capacity()));
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
		Call call = call(BytezOperation.DELETE_CLUSTER, HttpMethod.DELETE, modelId, null);
		return this.exchanges.json(call, Function.identity()).then();
	}

	private Mono<BytezCluster> cluster(BytezOperation operation, HttpMethod method, String modelId, ObjectNode body) {
		Call call = call(operation, method, modelId, body);
		return this.exchanges.json(call, (root) -> read(call, root, (output) -> {
			if (!output.isObject()) {
				throw new IllegalStateException("output is not a cluster");
			}
			return this.exchanges.mapper().treeToValue(output, BytezCluster.class);
		}));
	}

	private Call call(BytezOperation operation, HttpMethod method, String modelId, ObjectNode body) {
		ModelIds.validate(modelId);
		int slash = modelId.indexOf('/');
		String org = modelId.substring(0, slash);
		String name = modelId.substring(slash + 1);
		Function<UriBuilder, URI> uri = (builder) -> builder.path("/models/v2/{org}/{name}").build(org, name);
		byte[] json = (body != null) ? this.exchanges.mapper().writeValueAsBytes(body) : null;
		return new Call(operation, modelId, method, uri, json, this.exchanges.retryPolicy());
	}

	private <T> T read(Call call, JsonNode root, Function<JsonNode, T> reader) {
		JsonNode output = root.get("output");
		try {
			if (output == null) {
				throw new IllegalStateException("no output");
			}
			return reader.apply(output);
		}
		catch (IllegalStateException | JacksonException ex) {
			throw this.exchanges.errors()
				.invalid(call.operation(), call.modelId(), HttpStatusCode.valueOf(200),
						"that is not a cluster answer (" + ex.getMessage() + ")",
						root.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

}
