package io.github.bytezspring.client.openai;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bytez's OpenAI-compatible endpoints, with the same keys, retries, errors and
 * observations as the native calls; reached through
 * {@link io.github.bytezspring.client.BytezOperations#openAi()}.
 * <p>
 * A request field Bytez or the model refuses (e.g. {@code tools} for a model without tool
 * support) fails the call with the typed exception of the status Bytez answers, its error
 * text in {@link BytezApiException#getErrorMessage()}.
 */
public interface BytezOpenAi {

	/**
	 * A chat completion.
	 * @param request the request
	 * @return the completion
	 */
	Mono<ChatCompletion> chatCompletion(ChatCompletionRequest request);

	/**
	 * A chat completion streamed as it is generated (Server-Sent Events, ended by
	 * {@code [DONE]}); an error event in the stream fails it with a
	 * {@link BytezApiException}. Tool calls arrive in pieces, which
	 * {@link ChatCompletionAssembler} joins.
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
	 * A text completion streamed as it is generated (Server-Sent Events, ended by
	 * {@code [DONE]}); an error event in the stream fails it with a
	 * {@link BytezApiException}.
	 * @param request the request
	 * @return the chunks in order
	 */
	Flux<CompletionChunk> streamCompletion(CompletionRequest request);

	/**
	 * A Responses call (not streamed).
	 * @param request the request
	 * @return the response
	 */
	Mono<ResponsesResult> responses(ResponsesRequest request);

	/**
	 * A Responses call streamed as OpenAI's Responses events, from
	 * {@code response.created} to the final {@code response.completed} (or
	 * {@code response.incomplete}) that carries the whole response; a
	 * {@code response.failed} or {@code error} event fails it with a
	 * {@link BytezApiException}, and a stream that ends before its final event with a
	 * {@link BytezInvalidResponseException}.
	 * @param request the request
	 * @return the events in order
	 */
	Flux<ResponsesStreamEvent> streamResponses(ResponsesRequest request);

}
