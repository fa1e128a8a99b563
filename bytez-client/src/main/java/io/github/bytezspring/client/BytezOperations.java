package io.github.bytezspring.client;

import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezOutput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.BytezOpenAi;

import java.nio.file.Path;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The calls an application makes to Bytez, all reactive and lazy: nothing is sent until
 * the result is subscribed to, and cancelling the subscription cancels the HTTP exchange.
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
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 * or options
	 */
	Mono<BytezResponse> run(String modelId, BytezInput input, BytezOptions options);

	/**
	 * Run a model and read its output as one of the typed shapes of {@link BytezOutput},
	 * e.g.
	 * {@code run("google/vit-base-patch16-224", BytezInput.url(image), BytezOutput.LABELS)}.
	 * @param <T> the output type
	 * @param modelId the model
	 * @param input what the model works on
	 * @param output the shape to read
	 * @return the typed output; fails with an {@link IllegalArgumentException} when the
	 * output has another shape
	 */
	default <T> Mono<T> run(String modelId, BytezInput input, BytezOutput<T> output) {
		return run(modelId, input, BytezOptions.defaults(), output);
	}

	/**
	 * Run a model with per-call options and read its output as one of the typed shapes of
	 * {@link BytezOutput}.
	 * @param <T> the output type
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @param output the shape to read
	 * @return the typed output
	 */
	@SuppressWarnings("NullAway") // mapNotNull takes a function returning @Nullable:
									// uber/NullAway#1522
	default <T> Mono<T> run(String modelId, BytezInput input, BytezOptions options, BytezOutput<T> output) {
		if (output == null) {
			throw new IllegalArgumentException("output must not be null");
		}
		return run(modelId, input, options).mapNotNull((response) -> response.outputAs(output));
	}

	/**
	 * Send a conversation to a chat model and read the assistant's answer, ready to
	 * append to the conversation.
	 * @param modelId the chat model
	 * @param messages the conversation so far
	 * @return the assistant's message
	 */
	default Mono<BytezMessage> chat(String modelId, BytezMessage... messages) {
		return run(modelId, BytezInput.messages(messages), BytezOutput.CHAT_MESSAGE);
	}

	/**
	 * Estimate one call's cost in US dollars as its inference time times the model's
	 * {@code meterPrice} from the model list (looked up once per model and cached, like
	 * the cost meter's), empty when the answer carried no inference time or the price is
	 * unknown, never failing (errors become empty).
	 * @param modelId the model that was called
	 * @param metadata what Bytez's answer said about the call
	 * @return the estimated cost in US dollars, or empty
	 */
	default Mono<Double> estimateCost(String modelId, BytezCallMetadata metadata) {
		return Mono.empty();
	}

	/**
	 * Run a text-producing model and stream its output as it is generated.
	 * @param modelId the model
	 * @param input what the model works on
	 * @return the pieces of text in order, their concatenation being the output; fails
	 * with a {@link BytezException} subtype, never completes normally when the connection
	 * is cut
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 */
	Flux<String> stream(String modelId, BytezInput input);

	/**
	 * Stream a text-producing model's output with per-call options.
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @return the pieces of text in order
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 * or options
	 */
	Flux<String> stream(String modelId, BytezInput input, BytezOptions options);

	/**
	 * Run a media-generating model (text-to-image, text-to-speech, text-to-audio,
	 * text-to-video, ...) and stream the file it makes as raw bytes
	 * ({@code json: false}).
	 * <p>
	 * The subscriber owns the buffers and must release them (e.g. with
	 * {@code DataBufferUtils.write(..)}, which does); {@link #streamMediaTo} writes them
	 * to a file for you.
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @return the file's bytes in order; retried only until the first buffer arrives
	 * @throws IllegalArgumentException at once, for a malformed model id or a null input
	 * or options
	 */
	Flux<DataBuffer> streamMedia(String modelId, BytezInput input, BytezOptions options);

	/**
	 * Run a media-generating model and write the file it makes to {@code target} as it
	 * arrives, never holding the whole file in memory.
	 * <p>
	 * All or nothing: the bytes go to a temporary file in the target's folder, which
	 * replaces the target (atomically where the file system can) only once the whole file
	 * has arrived. When the call fails (an error status, a cut connection, a timeout) or
	 * is cancelled, the temporary file is deleted and the target is left exactly as it
	 * was, or absent.
	 * @param modelId the model
	 * @param input what the model works on
	 * @param options model parameters and provider key
	 * @param target the file to write (created or replaced)
	 * @return the file's content type, path and size once it is written
	 * @throws IllegalArgumentException at once, for a malformed model id or a null
	 * argument
	 */
	Mono<BytezMedia> streamMediaTo(String modelId, BytezInput input, BytezOptions options, Path target);

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
	 * Look up one model in the catalogue.
	 * @param modelId the model id
	 * @return the model, or empty when Bytez does not know it
	 * @throws IllegalArgumentException at once, for a malformed model id
	 */
	Mono<BytezModelInfo> findModel(String modelId);

	/**
	 * List the task names Bytez supports.
	 * @return the task names
	 */
	Mono<List<String>> listTasks();

	/**
	 * Ask Bytez to serve a Hugging Face model it does not serve yet ({@code POST
	 * /models/v2/request/{modelId}}); Bytez queues the job and answers at once.
	 * @param modelId the model id, {@code org/name}
	 * @return what Bytez answers, e.g. {@code Job queued}
	 * @throws IllegalArgumentException at once, for a malformed model id
	 */
	Mono<String> requestModel(String modelId);

	/**
	 * Manage the dedicated clusters that serve open models.
	 * @return the cluster operations
	 */
	BytezClusters clusters();

	/**
	 * Call Bytez's OpenAI-compatible endpoints (chat completions, completions,
	 * responses).
	 * @return the OpenAI-compatible operations
	 */
	BytezOpenAi openAi();

}
