package io.github.bytezspring.client.internal;

import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * How the successful (2xx) answer of one kind of call is read: a whole JSON body, text
 * chunks, media buffers or server-sent events; error statuses never reach a reader. A
 * reader only parses: what it learns about the call (bytes, token usage) it notes in the
 * call's record, which the pipeline records.
 *
 * @param <T> what the answer is read into
 */
public interface ResponseReader<T> {

	/**
	 * Read a successful answer.
	 * @param request the request it answers
	 * @param response the answer, with a 2xx status
	 * @param call the record of the call being built, told the bytes that arrived and the
	 * token usage parsed; the reader records nothing itself
	 * @return the elements; one for a JSON answer
	 */
	Flux<T> read(BytezRequest request, ClientResponse response, CallRecord call);

	/**
	 * Whether the answer is a stream: its gaps are bounded by the stream idle timeout and
	 * its chunks are metered; otherwise the whole answer is bounded by the response
	 * timeout.
	 * @return whether the answer is streamed
	 */
	boolean streamed();

}
