package io.github.bytezspring.client.internal;

import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * How the successful (2xx) answer of one kind of call is read: a whole JSON body, text chunks, media
 * buffers or server-sent events; error statuses never reach a reader.
 *
 * @param <T> what the answer is read into
 */
public interface ResponseReader<T> {

	/**
	 * Read a successful answer.
	 * @param request the request it answers
	 * @param response the answer, with a 2xx status
	 * @param observation the call's observation, told how many bytes arrived
	 * @return the elements; one for a JSON answer
	 */
	Flux<T> read(BytezRequest request, ClientResponse response, CallObservation observation);

	/**
	 * Whether the answer is a stream: its gaps are bounded by the stream idle timeout and its chunks
	 * are metered; otherwise the whole answer is bounded by the response timeout.
	 * @return whether the answer is streamed
	 */
	boolean streamed();

}
