package io.github.bytezspring.benchmarks.jmh;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.github.bytezspring.benchmarks.Workload;
import io.github.bytezspring.client.BytezTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One text stream of 50 chunks (cut inside multi-byte characters) decoded to text, per
 * operation: through {@code BytezTemplate.stream} against a canned answer (with and
 * without its stream idle timeout), through a bare WebClient that keeps the bytes and
 * decodes once, and two replicas of the chunk decoding alone (the client's algorithm, and
 * one that decodes from the chunk in place and copies only a split character).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamDecodeBenchmark {

	private static final int CHUNKS = 50;

	private final byte[][] chunks = Workload.streamChunks(CHUNKS);

	private BytezTemplate template;

	private BytezTemplate templateWithoutIdleTimeout;

	private WebClient webClient;

	/**
	 * Build the in-memory clients, and check that every variant decodes the stream
	 * exactly.
	 */
	@Setup
	public void setUp() {
		this.template = InMemoryBytez.template(() -> InMemoryBytez.text(this.chunks));
		this.templateWithoutIdleTimeout = BytezTemplate.builder()
			.apiKey("bench-key")
			.baseUrl(InMemoryBytez.BASE_URL)
			.webClientBuilder(InMemoryBytez.webClientBuilder(() -> InMemoryBytez.text(this.chunks)))
			.streamIdleTimeout(null)
			.build();
		this.webClient = InMemoryBytez.webClientBuilder(() -> InMemoryBytez.text(this.chunks))
			.baseUrl(InMemoryBytez.BASE_URL)
			.build();
		String expected = Workload.streamText(CHUNKS);
		for (String decoded : new String[] { templateStream(), templateStreamWithoutIdleTimeout(),
				bareWebClientStream(), decodeCopying(), decodeInPlace() }) {
			if (!expected.equals(decoded)) {
				throw new IllegalStateException("a variant decoded the stream wrongly: " + decoded);
			}
		}
	}

	/**
	 * {@code BytezTemplate.stream}, pieces concatenated.
	 * @return the text
	 */
	@Benchmark
	public String templateStream() {
		return this.template.stream(Workload.streamModel(CHUNKS, 0), Workload.INPUT, Workload.OPTIONS)
			.collect(StringBuilder::new, StringBuilder::append)
			.map(StringBuilder::toString)
			.block();
	}

	/**
	 * {@code BytezTemplate.stream} with {@code streamIdleTimeout(null)}: the same, less
	 * the per-chunk {@code Flux.timeout} timer.
	 * @return the text
	 */
	@Benchmark
	public String templateStreamWithoutIdleTimeout() {
		return this.templateWithoutIdleTimeout.stream(Workload.streamModel(CHUNKS, 0), Workload.INPUT, Workload.OPTIONS)
			.collect(StringBuilder::new, StringBuilder::append)
			.map(StringBuilder::toString)
			.block();
	}

	/**
	 * The floor: a bare WebClient keeping the bytes and decoding once at the end.
	 * @return the text
	 */
	@Benchmark
	public String bareWebClientStream() {
		return this.webClient.post()
			.uri("/models/v2/" + Workload.streamModel(CHUNKS, 0))
			.header(HttpHeaders.AUTHORIZATION, "bench-key")
			.bodyValue(Workload.STREAM_BODY)
			.retrieve()
			.bodyToFlux(DataBuffer.class)
			.reduceWith(ByteArrayOutputStream::new, (out, buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				out.writeBytes(bytes);
				return out;
			})
			.map((out) -> out.toString(StandardCharsets.UTF_8))
			.block();
	}

	/**
	 * Replica of the client's decoder: per chunk, a new array of carried-over bytes +
	 * chunk, a new CharBuffer, a new array for the carried-over bytes.
	 * @return the text
	 */
	@Benchmark
	public String decodeCopying() {
		CharsetDecoder decoder = newDecoder();
		byte[] pending = new byte[0];
		StringBuilder text = new StringBuilder();
		for (byte[] chunk : this.chunks) {
			byte[] bytes = new byte[pending.length + chunk.length];
			System.arraycopy(pending, 0, bytes, 0, pending.length);
			System.arraycopy(chunk, 0, bytes, pending.length, chunk.length);
			ByteBuffer in = ByteBuffer.wrap(bytes);
			CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
			decoder.decode(in, out, false);
			pending = new byte[in.remaining()];
			in.get(pending);
			text.append(out.flip());
		}
		return text.toString();
	}

	/**
	 * The alternative: decode each chunk where it is, keep one reusable CharBuffer, and
	 * copy only the at most three bytes of a character split by the boundary.
	 * @return the text
	 */
	@Benchmark
	public String decodeInPlace() {
		CharsetDecoder decoder = newDecoder();
		ByteBuffer carry = ByteBuffer.allocate(8);
		CharBuffer out = CharBuffer.allocate(256);
		StringBuilder text = new StringBuilder();
		for (byte[] chunk : this.chunks) {
			ByteBuffer in = ByteBuffer.wrap(chunk);
			out.clear();
			if (carry.position() > 0) {
				// complete the split character from the head of this chunk
				while (carry.position() < 4 && in.hasRemaining()) {
					carry.put(in.get());
					carry.flip();
					decoder.decode(carry, out, false);
					if (!carry.hasRemaining()) {
						carry.clear();
						break;
					}
					carry.position(carry.limit()).limit(carry.capacity());
				}
			}
			if (out.remaining() < in.remaining() + 1) {
				out = grow(out, in.remaining() + 1);
			}
			decoder.decode(in, out, false);
			carry.put(in);
			text.append(out.flip());
		}
		return text.toString();
	}

	private static CharBuffer grow(CharBuffer out, int room) {
		CharBuffer bigger = CharBuffer.allocate(out.position() + room);
		out.flip();
		return bigger.put(out);
	}

	private static CharsetDecoder newDecoder() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
	}

}
