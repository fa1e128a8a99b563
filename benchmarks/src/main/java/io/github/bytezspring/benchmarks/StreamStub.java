package io.github.bytezspring.benchmarks;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback stand-in for Bytez's streaming answers, run as its own process:
 * {@code stream/cN-gMS} sends the chunks of {@link Workload#streamChunks(int)} {@code MS}
 * milliseconds apart, and {@code media/bN} sends {@code N} blocks of media bytes as fast
 * as the client reads them.
 */
public final class StreamStub {

	private static final Pattern STREAM = Pattern.compile("c(\\d+)-g(\\d+)");

	private static final Pattern MEDIA = Pattern.compile("b(\\d+)");

	private StreamStub() {
	}

	/**
	 * Start the stub on 127.0.0.1, print {@code PORT <n>} and serve until killed.
	 * @param args the port, 0 (the default) for a free one
	 */
	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.option(ChannelOption.SO_BACKLOG, 16384)
			.route((routes) -> routes.post("/models/v2/stream/{shape}", StreamStub::stream)
				.post("/models/v2/media/{shape}", StreamStub::media))
			.bindNow();
		System.out.println("PORT " + server.port());
		System.out.flush();
		server.onDispose().block();
	}

	private static Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
		Matcher shape = STREAM.matcher(request.param("shape"));
		if (!shape.matches()) {
			return response.status(404).send();
		}
		byte[][] chunks = Workload.streamChunks(Integer.parseInt(shape.group(1)));
		Duration gap = Duration.ofMillis(Long.parseLong(shape.group(2)));
		Flux<ByteBuf> body = Flux.range(0, chunks.length)
			.concatMap((i) -> (i == 0) ? Mono.just(i) : Mono.delay(gap).thenReturn(i))
			.map((i) -> Unpooled.wrappedBuffer(chunks[i]));
		// read the request first, then answer: the first chunk at once, each further one
		// after the gap,
		// every chunk flushed on its own as a model's tokens would be
		return request.receive()
			.then()
			.then(Mono.defer(() -> response.header("Content-Type", "text/plain; charset=utf-8")
				.send(body, (buffer) -> true)
				.then()));
	}

	private static Mono<Void> media(HttpServerRequest request, HttpServerResponse response) {
		Matcher shape = MEDIA.matcher(request.param("shape"));
		if (!shape.matches()) {
			return response.status(404).send();
		}
		int blocks = Integer.parseInt(shape.group(1));
		byte[] block = Workload.mediaBlock();
		Flux<ByteBuf> body = Flux.range(0, blocks).map((i) -> Unpooled.wrappedBuffer(block));
		return request.receive()
			.then()
			.then(Mono.defer(() -> response.header("Content-Type", "image/png").send(body).then()));
	}

}
