package io.github.bytezspring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The floor: a plain {@link WebClient} on Reactor Netty that posts the same bytes as
 * BytezTemplate and reads the answer with no checks, no JSON parsing, no retries and no
 * observations.
 */
public final class BareWebClient implements BenchClient {

	private static final String AUTHORIZATION = "bench-key";

	private final WebClient webClient;

	/**
	 * A client for one base URL, on Reactor Netty's shared connection pool.
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 */
	public BareWebClient(String baseUrl) {
		this.webClient = WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()))
			.build();
	}

	@Override
	public Mono<String> run() {
		return post(Workload.RUN_MODEL, Workload.RUN_BODY).retrieve().bodyToMono(String.class);
	}

	@Override
	public Mono<String> stream(String modelId, Runnable onFirstPiece) {
		// the least a correct client must do: keep the bytes, decode once at the end
		AtomicBoolean first = new AtomicBoolean(true);
		return post(modelId, Workload.STREAM_BODY).retrieve().bodyToFlux(DataBuffer.class).doOnNext((buffer) -> {
			if (first.compareAndSet(true, false)) {
				onFirstPiece.run();
			}
		}).reduceWith(ByteArrayOutputStream::new, (out, buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			out.writeBytes(bytes);
			return out;
		}).map((out) -> out.toString(StandardCharsets.UTF_8));
	}

	@Override
	public Mono<Void> media(String modelId, Path target) {
		byte[] body = "{\"text\":\"a cat\",\"json\":false}".getBytes(StandardCharsets.UTF_8);
		return DataBufferUtils.write(post(modelId, body).retrieve().bodyToFlux(DataBuffer.class), target);
	}

	private WebClient.RequestHeadersSpec<?> post(String modelId, byte[] body) {
		return this.webClient.post()
			.uri("/models/v2/" + modelId)
			.header(HttpHeaders.AUTHORIZATION, AUTHORIZATION)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

}
