package io.github.bytezspring.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.github.bytezspring.client.BytezTemplate;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Clients whose exchanges never leave memory: every request is answered by a canned
 * {@link ClientResponse}, so a benchmark measures only the client's own work.
 */
public final class InMemoryBytez {

	/** The base URL the in-memory clients pretend to call. */
	public static final String BASE_URL = "http://bytez.invalid";

	/** The body of a run answer, the same as the loopback nginx's. */
	public static final byte[] RUN_ANSWER = ("{\"error\":null,\"output\":\"Once upon a time, in a benchmark far away, "
			+ "a small model wrote the same story again and again: a fox, a river, a bridge that was not there "
			+ "yesterday, and a traveller who asked the fox where it led. The fox said nothing and crossed it.\"}")
		.getBytes(StandardCharsets.UTF_8);

	private InMemoryBytez() {
	}

	/**
	 * A {@link WebClient.Builder} whose exchanges all get a fresh response from the
	 * supplier.
	 * @param response makes the response of one exchange
	 * @return the builder
	 */
	public static WebClient.Builder webClientBuilder(Supplier<ClientResponse> response) {
		return WebClient.builder().exchangeFunction((request) -> Mono.fromSupplier(response));
	}

	/**
	 * A template answered by the supplier, with the default retry policy and no
	 * concurrency limit.
	 * @param response makes the response of one exchange
	 * @return the template
	 */
	public static BytezTemplate template(Supplier<ClientResponse> response) {
		return BytezTemplate.builder()
			.apiKey("bench-key")
			.baseUrl(BASE_URL)
			.webClientBuilder(webClientBuilder(response))
			.build();
	}

	/**
	 * A JSON answer.
	 * @param body the body
	 * @return a new response
	 */
	public static ClientResponse json(byte[] body) {
		return ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(Flux.just(body).map(InMemoryBytez::wrap))
			.build();
	}

	/**
	 * A streamed text answer of the given chunks.
	 * @param chunks the chunks
	 * @return a new response
	 */
	public static ClientResponse text(byte[][] chunks) {
		return ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
			.body(Flux.fromArray(chunks).map(InMemoryBytez::wrap))
			.build();
	}

	private static DataBuffer wrap(byte[] bytes) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
	}

}
