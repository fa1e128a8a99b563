package io.github.bytezspring.benchmarks;

import java.nio.file.Path;

import reactor.core.publisher.Mono;

/**
 * One of the clients the load harness compares, doing the workload's three kinds of call.
 */
public interface BenchClient extends AutoCloseable {

	/**
	 * Run {@link Workload#RUN_MODEL} once.
	 * @return the answer's output (or body), never empty
	 */
	Mono<String> run();

	/**
	 * Stream a model's text.
	 * @param modelId e.g. {@link Workload#streamModel(int, int)}
	 * @param onFirstPiece told when the first piece of the stream arrives
	 * @return the whole text, decoded
	 */
	Mono<String> stream(String modelId, Runnable onFirstPiece);

	/**
	 * Stream a media file to disk.
	 * @param modelId e.g. {@link Workload#mediaModel(int)}
	 * @param target the file to write
	 * @return completes when the file is written
	 */
	Mono<Void> media(String modelId, Path target);

	/**
	 * What the harness should record about this client besides the timings, as JSON
	 * members.
	 * @return e.g. {@code "observations":20000}, or empty
	 */
	default String extraJson() {
		return "";
	}

	@Override
	default void close() {
	}

}
