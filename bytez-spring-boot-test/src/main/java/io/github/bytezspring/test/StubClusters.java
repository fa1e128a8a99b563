package io.github.bytezspring.test;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The clusters the stub keeps in memory for {@code PUT/GET/PATCH/DELETE
 * /models/v2/{modelId}} and {@code GET /models/v2/list/clusters}, shaped as Bytez
 * documents them.
 */
final class StubClusters {

	static final int DEFAULT_TIMEOUT = 5;

	static final int MAX_TIMEOUT = 1440;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final Map<String, ObjectNode> clusters = new LinkedHashMap<>();

	StubClusters(ObjectMapper mapper, Clock clock) {
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * Create a cluster.
	 * @param modelId the model
	 * @param request the request body
	 * @return the cluster
	 * @throws ClusterException when the cluster exists or the request is invalid
	 */
	synchronized ObjectNode create(String modelId, JsonNode request) {
		if (this.clusters.containsKey(modelId)) {
			throw new ClusterException(409, "A cluster for " + modelId + " already exists");
		}
		String now = now();
		ObjectNode cluster = this.mapper.createObjectNode();
		cluster.put("modelId", modelId);
		cluster.put("status", "on");
		cluster.put("created", now);
		cluster.put("modified", now);
		cluster.put("timeout", DEFAULT_TIMEOUT);
		ObjectNode capacity = cluster.putObject("capacity");
		capacity.put("min", 0);
		capacity.put("desired", 1);
		capacity.put("max", 1);
		cluster.put("instances", 0);
		cluster.put("inferences", 0);
		cluster.putNull("lastInference");
		apply(cluster, request, false);
		if (request.has("config")) {
			cluster.set("config", request.get("config").deepCopy());
		}
		cluster.put("instances", cluster.get("capacity").get("desired").intValue());
		this.clusters.put(modelId, cluster);
		return cluster.deepCopy();
	}

	synchronized ObjectNode read(String modelId) {
		return existing(modelId).deepCopy();
	}

	/**
	 * Change a cluster's capacity, timeout or status.
	 * @param modelId the model
	 * @param request the request body
	 * @return the changed cluster
	 * @throws ClusterException when there is no cluster or the request is invalid
	 */
	synchronized ObjectNode update(String modelId, JsonNode request) {
		ObjectNode cluster = existing(modelId).deepCopy();
		apply(cluster, request, true);
		boolean on = "on".equals(cluster.get("status").stringValue());
		cluster.put("instances", on ? cluster.get("capacity").get("desired").intValue() : 0);
		cluster.put("modified", now());
		this.clusters.put(modelId, cluster);
		return cluster.deepCopy();
	}

	synchronized ObjectNode delete(String modelId) {
		ObjectNode cluster = existing(modelId);
		this.clusters.remove(modelId);
		return cluster;
	}

	synchronized List<ObjectNode> list() {
		return this.clusters.values().stream().map(ObjectNode::deepCopy).toList();
	}

	/**
	 * Count an inference of a model that has a cluster.
	 * @param modelId the model
	 */
	synchronized void inference(String modelId) {
		ObjectNode cluster = this.clusters.get(modelId);
		if (cluster != null) {
			cluster.put("inferences", cluster.get("inferences").longValue() + 1);
			cluster.put("lastInference", now());
		}
	}

	synchronized void reset() {
		this.clusters.clear();
	}

	private ObjectNode existing(String modelId) {
		ObjectNode cluster = this.clusters.get(modelId);
		if (cluster == null) {
			throw new ClusterException(404, "No cluster for " + modelId);
		}
		return cluster;
	}

	private void apply(ObjectNode cluster, JsonNode request, boolean statusAllowed) {
		if (!request.isObject()) {
			throw new ClusterException(400, "The body must be a JSON object");
		}
		JsonNode timeout = request.get("timeout");
		if (timeout != null) {
			if (!timeout.isIntegralNumber() || timeout.intValue() < 1 || timeout.intValue() > MAX_TIMEOUT) {
				throw new ClusterException(400, "timeout must be a whole number of minutes from 1 to " + MAX_TIMEOUT);
			}
			cluster.put("timeout", timeout.intValue());
		}
		JsonNode capacity = request.get("capacity");
		if (capacity != null) {
			ObjectNode merged = ((ObjectNode) cluster.get("capacity")).deepCopy();
			for (String field : List.of("min", "desired", "max")) {
				JsonNode value = capacity.get(field);
				if (value != null) {
					if (!value.isIntegralNumber() || value.intValue() < 0) {
						throw new ClusterException(400, "capacity." + field + " must be a whole number, 0 or more");
					}
					merged.put(field, value.intValue());
				}
			}
			int min = merged.get("min").intValue();
			int desired = merged.get("desired").intValue();
			int max = merged.get("max").intValue();
			if (min > desired || desired > max) {
				throw new ClusterException(400, "capacity must satisfy min <= desired <= max");
			}
			cluster.set("capacity", merged);
		}
		JsonNode status = request.get("status");
		if (status != null) {
			if (!statusAllowed) {
				throw new ClusterException(400, "status can only be changed with PATCH");
			}
			if (!status.isString() || !List.of("on", "off").contains(status.stringValue())) {
				throw new ClusterException(400, "status must be \"on\" or \"off\"");
			}
			cluster.put("status", status.stringValue());
		}
	}

	private String now() {
		return Instant.now(this.clock).toString();
	}

	/**
	 * A cluster request the stub refuses, with the HTTP status to answer.
	 */
	static final class ClusterException extends RuntimeException {

		private final int status;

		ClusterException(int status, String message) {
			super(message);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
