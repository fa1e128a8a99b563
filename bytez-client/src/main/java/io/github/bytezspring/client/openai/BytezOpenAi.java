package io.github.bytezspring.client.openai;

import io.github.bytezspring.client.error.BytezApiException;

import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bytez's OpenAI-compatible endpoints, with the same keys, retries, errors and observations as the
 * native calls; reached through {@link io.github.bytezspring.client.BytezOperations#openAi()}.
 */
public interface BytezOpenAi {

	/**
	 * A chat completion.
	 * @param request the request
	 * @return the completion
	 */
	Mono<ChatCompletion> chatCompletion(ChatCompletionRequest request);

	/**
	 * A chat completion streamed as it is generated (Server-Sent Events, ended by {@code [DONE]}); an
	 * error event in the stream fails it with a {@link BytezApiException}.
	 * @param request the request
	 * @return the chunks in order
	 */
	Flux<ChatCompletionChunk> streamChatCompletion(ChatCompletionRequest request);

	/**
	 * A text completion.
	 * @param request the request
	 * @return the completion
	 */
	Mono<Completion> completion(CompletionRequest request);

	/**
	 * A Responses call (not streamed).
	 * @param request the request
	 * @return the response
	 */
	Mono<ResponsesResult> responses(ResponsesRequest request);

}
