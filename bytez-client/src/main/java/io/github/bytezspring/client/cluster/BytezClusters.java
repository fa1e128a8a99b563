package io.github.bytezspring.client.cluster;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Management of the dedicated clusters that serve open models, reached through
 * {@link io.github.bytezspring.client.BytezOperations#clusters()}.
 * <p>
 * Bytez's own SDKs (JavaScript and Python 3.x) dropped their cluster API as deprecated;
 * the HTTP endpoints still answer, so this client keeps it, but prefer the serverless run
 * calls, which start and scale instances on their own.
 */
public interface BytezClusters {

	/**
	 * List the caller's live clusters.
	 * @return the clusters
	 */
	Mono<List<BytezCluster>> list();

	/**
	 * Read the cluster of one model.
	 * @param modelId the model
	 * @return the cluster
	 */
	Mono<BytezCluster> get(String modelId);

	/**
	 * Create a cluster for an open model.
	 * @param modelId the model
	 * @param capacity its instance bounds
	 * @param timeoutMinutes minutes of inactivity before it scales down, 1 to 1440
	 * @return the new cluster
	 * @throws IllegalArgumentException at once, for a malformed model id, capacity or
	 * timeout
	 */
	Mono<BytezCluster> create(String modelId, BytezClusterCapacity capacity, int timeoutMinutes);

	/**
	 * Change a cluster's capacity, timeout, or whether it is on.
	 * @param modelId the model
	 * @param update what to change
	 * @return the changed cluster
	 */
	Mono<BytezCluster> update(String modelId, BytezClusterUpdate update);

	/**
	 * Delete a cluster.
	 * @param modelId the model
	 * @return completes when Bytez confirmed
	 */
	Mono<Void> delete(String modelId);

}
