package io.github.bytezspring.client;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The calls an application makes to Bytez, all reactive and lazy: nothing is sent until the result is
 * subscribed to, and cancelling the subscription cancels the HTTP exchange.
 */
public interface BytezOperations {

	/**
	 * Run a model and read its JSON result.
	 * @param modelId the model, e.g. {@code Qwen/Qwen3-4B} or {@code openai/gpt-4o-mini}
	 * @param input what the model works on
	 * @return the result; fails with a {@link BytezException} subtype
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 */
	Mono<BytezResponse> run(String modelId, BytezInput input);

	/**
	 * Run a model with per-call options and read its JSON result.
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @return the result; fails with a {@link BytezException} subtype
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input or options
	 */
	Mono<BytezResponse> run(String modelId, BytezInput input, BytezOptions options);

	/**
	 * Run a text-producing model and stream its output as it is generated.
	 * @param modelId the model
	 * @param input what the model works on
	 * @return the pieces of text in order, their concatenation being the output; fails with a
	 * {@link BytezException} subtype, never completes normally when the connection is cut
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 */
	Flux<String> stream(String modelId, BytezInput input);

	/**
	 * Stream a text-producing model's output with per-call options.
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @return the pieces of text in order
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input or options
	 */
	Flux<String> stream(String modelId, BytezInput input, BytezOptions options);

	/**
	 * List every model Bytez serves.
	 * @return the catalogue
	 */
	Mono<List<BytezModelInfo>> listModels();

	/**
	 * List the models of one task.
	 * @param task a task name such as {@code chat} or {@code text-to-image}
	 * @return the models of that task
	 * @throws IllegalArgumentException at once, for a blank or malformed task name
	 */
	Mono<List<BytezModelInfo>> listModels(String task);

	/**
	 * List the task names Bytez supports.
	 * @return the task names
	 */
	Mono<List<String>> listTasks();

}
