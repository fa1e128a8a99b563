package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.CompletionChunk;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesStreamEvent;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded property test over generated hostile answers, served byte by byte from a
 * loopback socket: any status line (interim answers and redirects to a second server
 * included), malformed, duplicated and absurd headers, every framing (length, chunked,
 * close-delimited, lying lengths, broken chunks), truncated, mistyped, deeply nested or
 * invalid UTF-8 bodies, Server-Sent Events with every line ending, byte-order marks and
 * odd fields, drips and resets, for {@code run}, {@code stream}, the three OpenAI streams
 * and the list calls. Every call ends in bounded time with a value or a
 * {@code BytezException}, no key appears anywhere in a failure's cause chain, nothing
 * reaches the second server, and an answer whose variations are all valid (absurd
 * metering values, any SSE line ending, drips, chunking) still gives its value.
 * <p>
 * Replay a failing case with
 * {@code -Dbytez.hostile.seed=<the seed it printed> -Dbytez.hostile.cases=1};
 * {@code -Dbytez.hostile.cases=N} runs more or fewer cases.
 */
class BytezHostileAnswerPropertyTests {

	static final String KEY = "prop-api-key-c0ffee42";

	static final String PROVIDER_KEY = "prop-provider-key-d00d";

	static final Duration CALL_BOUND = Duration.ofSeconds(10);

	static final long DEFAULT_SEED = 0x20B7E5L;

	static final int DEFAULT_CASES = 2500;

	/**
	 * The client's retries of the broken answers it may retry: expected, captured,
	 * checked.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.RETRY_LOGGER, CapturedLogs.NETTY_CONNECTION_LOGGER)
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING)
		.expecting(Level.WARN, CapturedLogs.NETTY_CONNECTION_ERROR)
		.neverShowing(KEY, PROVIDER_KEY);

	private final AtomicReference<Answer> current = new AtomicReference<>();

	private ScriptedHttpServer bytez;

	private ScriptedHttpServer elsewhere;

	private BytezTemplate template;

	@BeforeEach
	void start() throws IOException {
		this.elsewhere = ScriptedHttpServer.counting();
		this.bytez = new ScriptedHttpServer((request, out) -> this.current.get().writeTo(out));
		this.template = BytezTemplate.builder()
			.apiKey(KEY)
			.providerKey(PROVIDER_KEY)
			.baseUrl(this.bytez.baseUrl())
			.responseTimeout(Duration.ofSeconds(3))
			.streamIdleTimeout(Duration.ofSeconds(2))
			.retryPolicy(BytezRetryPolicy.builder()
				.maxRetries(1)
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(2))
				.build())
			.meterRegistry(new SimpleMeterRegistry())
			.build();
	}

	@AfterEach
	void stop() throws IOException {
		this.bytez.close();
		this.elsewhere.close();
	}

	@Test
	void everyHostileAnswerEndsInBoundedTimeInAValueOrATypedFailureWithoutAKey() {
		long seed = Long.getLong("bytez.hostile.seed", DEFAULT_SEED);
		int cases = Integer.getInteger("bytez.hostile.cases", DEFAULT_CASES);
		// a first call loads and links what every call uses, which can take seconds on a
		// busy machine
		this.current.set(Answer.generate(new Random(0), this.elsewhere.port()));
		this.template.listTasks().onErrorComplete().block(CALL_BOUND);
		long started = System.nanoTime();
		int succeeded = 0;
		int failed = 0;
		for (int i = 0; i < cases; i++) {
			long caseSeed = seed + i;
			Answer answer = Answer.generate(new Random(caseSeed), this.elsewhere.port());
			this.current.set(answer);
			if (Boolean.getBoolean("bytez.hostile.dump")) {
				System.out.println(answer + ":\n" + answer.dump());
			}
			String replay = "case seed " + caseSeed + " (replay: -Dbytez.hostile.seed=" + caseSeed
					+ " -Dbytez.hostile.cases=1): " + answer;
			Outcome outcome = call(answer.operation);
			assertThat(outcome.nanos).as("time, " + replay).isLessThan(CALL_BOUND.toNanos());
			assertThat(outcome.other).as("a failure that is not a BytezException, " + replay).isNull();
			if (outcome.failure != null) {
				failed++;
				String chain = BytezHostileAnswersTests.chainText(outcome.failure);
				assertThat(chain).as("the cause chain, " + replay).doesNotContain(KEY).doesNotContain(PROVIDER_KEY);
			}
			else {
				succeeded++;
			}
			if (answer.valid) {
				assertThat(outcome.failure).as("a valid answer's failure, " + replay).isNull();
				assertThat(outcome.value).as("a valid answer's value, " + replay).isEqualTo(answer.operation.expected);
			}
			assertThat(this.elsewhere.requests()).as("requests to another host, " + replay).isEmpty();
		}
		System.out.println("Hostile answers: " + cases + " cases from seed " + seed + " (" + succeeded + " values, "
				+ failed + " BytezExceptions) in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
		assertThat(succeeded).as("valid answers among the cases").isPositive();
		assertThat(failed).as("hostile answers among the cases").isPositive();
	}

	private Outcome call(Operation operation) {
		long start = System.nanoTime();
		Outcome outcome = new Outcome();
		try {
			outcome.value = operation.call.apply(this.template).block(CALL_BOUND.plusSeconds(5));
		}
		catch (BytezException ex) {
			outcome.failure = ex;
		}
		catch (RuntimeException ex) {
			outcome.other = ex;
		}
		outcome.nanos = System.nanoTime() - start;
		return outcome;
	}

	private static final class Outcome {

		Object value;

		BytezException failure;

		RuntimeException other;

		long nanos;

	}

	/**
	 * The calls under test, each reduced to a comparable value, and the valid answer of
	 * each.
	 */
	enum Operation {

		RUN((template) -> template.run("org/model", BytezInput.text("Hi"))
			.map((response) -> response.output().isString() ? response.output().stringValue()
					: response.output().toString()),
				"application/json",
				"{\"error\":null,\"output\":\"Hello, world\",\"provider\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}}",
				"Hello, world", false),

		STREAM((template) -> template.stream("org/model", BytezInput.text("Hi"))
			.collect(StringBuilder::new, StringBuilder::append)
			.map(StringBuilder::toString), "text/plain; charset=utf-8", "Hello, w\u00f6rld \ud83d\ude00\nline two",
				"Hello, w\u00f6rld \ud83d\ude00\nline two", false),

		LIST_MODELS(
				(template) -> template.listModels()
					.map((models) -> models.stream().map(BytezModelInfo::modelId).toList().toString()),
				"application/json",
				"{\"error\":null,\"output\":[{\"modelId\":\"org/a\",\"task\":\"chat\",\"meterPrice\":\"0.0001 / sec\"},{\"modelId\":\"org/b\"}]}",
				"[org/a, org/b]", false),

		LIST_TASKS((template) -> template.listTasks().map(Object::toString), "application/json",
				"{\"error\":null,\"output\":[\"chat\",\"text-to-image\"]}", "[chat, text-to-image]", false),

		STREAM_CHAT((template) -> text(template.openAi()
			.streamChatCompletion(ChatCompletionRequest.of("org/model", ChatMessage.user("Hi")))
			.map(ChatCompletionChunk::content)), "text/event-stream", null, "Hello, world", true),

		STREAM_COMPLETION((template) -> text(
				template.openAi().streamCompletion(CompletionRequest.of("org/model", "Hi")).map(CompletionChunk::text)),
				"text/event-stream", null, "Hello, world", true),

		STREAM_RESPONSES(
				(template) -> text(template.openAi()
					.streamResponses(ResponsesRequest.of("org/model", "Hi"))
					.map((event) -> (event.delta() != null) ? event.delta() : "")),
				"text/event-stream", null, "Hello, world", true);

		final Function<BytezTemplate, Mono<?>> call;

		final String contentType;

		final String body;

		final String expected;

		final boolean events;

		Operation(Function<BytezTemplate, Mono<?>> call, String contentType, String body, String expected,
				boolean events) {
			this.call = call;
			this.contentType = contentType;
			this.body = body;
			this.expected = expected;
			this.events = events;
		}

		private static Mono<String> text(Flux<String> pieces) {
			return pieces.collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
		}

		/** The data of this stream's valid events, each a JSON object. */
		List<String> events(Random random) {
			boolean hugeUsage = random.nextInt(4) == 0;
			String usage = hugeUsage
					? "{\"prompt_tokens\":1e400,\"completion_tokens\":123456789012345678901234567890,\"input_tokens\":-1}"
					: "{\"prompt_tokens\":3,\"completion_tokens\":4}";
			return switch (this) {
				case STREAM_CHAT -> List.of(
						"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello, \"}}]}",
						"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"world\"},\"finish_reason\":\"stop\"}],\"usage\":"
								+ usage + "}");
				case STREAM_COMPLETION -> List.of("{\"id\":\"c\",\"choices\":[{\"index\":0,\"text\":\"Hello, \"}]}",
						"{\"id\":\"c\",\"choices\":[{\"index\":0,\"text\":\"world\"}],\"usage\":" + usage + "}");
				case STREAM_RESPONSES -> List.of("{\"type\":\"response.output_text.delta\",\"delta\":\"Hello, \"}",
						"{\"type\":\"response.output_text.delta\",\"delta\":\"world\"}",
						"{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"status\":\"completed\",\"output\":[],\"usage\":"
								+ usage.replace("prompt_tokens", "input_tokens")
									.replace("completion_tokens", "output_tokens")
								+ "}}");
				default -> throw new IllegalStateException(name() + " is not a stream of events");
			};
		}

	}

	/**
	 * One generated answer: the bytes to write, how to pace them and how to end the
	 * connection, and whether all its variations are valid (so the call must give the
	 * operation's value).
	 */
	static final class Answer {

		final Operation operation;

		final List<byte[]> pieces = new ArrayList<>();

		final List<String> traits = new ArrayList<>();

		boolean valid = true;

		int dripMillis;

		boolean reset;

		private final int elsewherePort;

		Answer(Operation operation, int elsewherePort) {
			this.operation = operation;
			this.elsewherePort = elsewherePort;
		}

		static Answer generate(Random random, int elsewherePort) {
			Operation operation = Operation.values()[random.nextInt(Operation.values().length)];
			Answer answer = new Answer(operation, elsewherePort);
			answer.build(random);
			return answer;
		}

		private void hostile(String trait) {
			this.valid = false;
			this.traits.add(trait);
		}

		private void benign(String trait) {
			this.traits.add(trait);
		}

		private void build(Random random) {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			if (random.nextInt(8) == 0) {
				// an interim answer before the final one: the template's connector skips
				// it
				int code = new int[] { 100, 102, 103 }[random.nextInt(3)];
				write(head, "HTTP/1.1 " + code + " Interim\r\nLink: </a.css>; rel=preload\r\n\r\n");
				benign("interim " + code);
			}
			write(head, statusLine(random));
			String contentType = this.operation.contentType;
			if (random.nextInt(6) == 0) {
				String[] types = { "application/", "text/html; charset=utf-8", "application/x-ndjson", "text/" + KEY,
						"application/json; charset=\u00ff", ";;;", "text/event-stream", "application/json",
						"image/png" };
				contentType = types[random.nextInt(types.length)];
				hostile("content-type " + contentType.replace(KEY, "KEY"));
			}
			if (random.nextInt(12) != 0) {
				write(head, "Content-Type: " + contentType + "\r\n");
			}
			else if (!this.operation.events && !this.operation.contentType.startsWith("text/plain")) {
				hostile("no content-type");
			}
			else {
				benign("no content-type");
			}
			if (random.nextInt(3) == 0) {
				String[] absurd = { "ratelimit-limit: 99999999999999999999", "ratelimit-remaining: -7",
						"inference-time: 1e400", "inference-time: NaN", "ratelimit-reset: Infinity",
						"inference-meter: \u00ff\u00fe" + "x".repeat(100), "ratelimit-limit: 1\r\nratelimit-limit: 2",
						"inference-time: -1.5", "retry-after: 99999999999999999", "X-Echo: " + KEY };
				String header = absurd[random.nextInt(absurd.length)];
				write(head, header + "\r\n");
				benign("header '" + header.replace(KEY, "KEY").replace("\r\n", "CRLF") + "'");
			}
			byte[] body = body(random);
			int framing = random.nextInt(10);
			if (framing < 5) {
				write(head, "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
				this.pieces.add(head.toByteArray());
				split(body, random);
			}
			else if (framing < 8) {
				write(head, "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
				this.pieces.add(head.toByteArray());
				benign("chunked");
				ByteArrayOutputStream chunked = new ByteArrayOutputStream();
				int at = 0;
				while (at < body.length) {
					int size = Math.min(body.length - at, 1 + random.nextInt(64));
					write(chunked, Integer.toHexString(size) + "\r\n");
					chunked.write(body, at, size);
					write(chunked, "\r\n");
					at += size;
				}
				if (random.nextInt(6) == 0) {
					write(chunked, "zz\r\nbroken\r\n");
					hostile("broken chunk");
				}
				else {
					write(chunked, "0\r\n\r\n");
				}
				split(chunked.toByteArray(), random);
			}
			else if (framing < 9) {
				write(head,
						"Content-Length: " + (body.length + 1 + random.nextInt(50)) + "\r\nConnection: close\r\n\r\n");
				this.pieces.add(head.toByteArray());
				split(body, random);
				hostile("length longer than the body");
			}
			else {
				write(head, "Connection: close\r\n\r\n");
				this.pieces.add(head.toByteArray());
				split(body, random);
				benign("close-delimited");
			}
			if (random.nextInt(5) == 0) {
				this.dripMillis = 1 + random.nextInt(15);
				benign("drip " + this.dripMillis + "ms");
			}
			if (random.nextInt(12) == 0) {
				int keep = Math.max(1, random.nextInt(this.pieces.size() + 1));
				while (this.pieces.size() > keep) {
					this.pieces.remove(this.pieces.size() - 1);
				}
				this.reset = true;
				hostile("reset after " + keep + " pieces");
			}
		}

		private String statusLine(Random random) {
			if (random.nextInt(4) != 0) {
				return "HTTP/1.1 200 OK\r\n";
			}
			String[] lines = { "HTTP/1.1 204 No Content", "HTTP/1.1 301 Moved", "HTTP/1.1 302 Found",
					"HTTP/1.1 303 See Other", "HTTP/1.1 307 Temporary", "HTTP/1.1 308 Permanent", "HTTP/1.1 400 Bad",
					"HTTP/1.1 401 " + KEY, "HTTP/1.1 402 Pay", "HTTP/1.1 404 Gone", "HTTP/1.1 418 Teapot",
					"HTTP/1.1 429 Slow down", "HTTP/1.1 500 Oops", "HTTP/1.1 502 Gateway", "HTTP/1.1 503 Busy",
					"HTTP/1.1 599 Odd", "HTTP/1.1 600 Beyond", "HTTP/1.1 999 Far", "HTTP/1.1 200", "HTTP/1.1 abc Nope",
					"NONSENSE", "HTTP/1.1 200 OK " + KEY, "HTTP/1.1 199 Low" };
			String line = lines[random.nextInt(lines.length)];
			hostile("status '" + line.replace(KEY, "KEY") + "'");
			String location = line.matches("HTTP/1.1 30[12378].*")
					? "\r\nLocation: http://localhost:" + this.elsewherePort + "/steal?key=" + KEY : "";
			return line + location + "\r\n";
		}

		private byte[] body(Random random) {
			String text;
			if (this.operation.events) {
				text = events(random);
			}
			else {
				text = this.operation.body;
			}
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			int mutation = random.nextInt(14);
			switch (mutation) {
				case 0 -> {
					hostile("truncated");
					return java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
				}
				case 1 -> {
					hostile("invalid UTF-8");
					byte[] broken = bytes.clone();
					for (int i = 0; i < 3; i++) {
						broken[random.nextInt(broken.length)] = (byte) (0x80 + random.nextInt(0x80));
					}
					return broken;
				}
				case 2 -> {
					hostile("wrong types");
					return text.replace("\"Hello, world\"", "[null]")
						.replace("\"output\":[", "\"output\":[null,")
						.replace("\"choices\":[{", "\"choices\":[null,{")
						.replace("\"delta\":\"", "\"delta\":7,\"x\":\"")
						.getBytes(StandardCharsets.UTF_8);
				}
				case 3 -> {
					hostile("deep nesting");
					int depth = 500 + random.nextInt(3000);
					String nested = "[".repeat(depth) + "]".repeat(depth);
					return (this.operation.events ? "data: {\"choices\":" + nested + "}\n\n"
							: "{\"error\":null,\"output\":" + nested + "}")
						.getBytes(StandardCharsets.UTF_8);
				}
				case 4 -> {
					hostile("error in the body");
					return (this.operation.events ? "data: {\"error\":{\"message\":\"bad " + KEY + "\"}}\n\n"
							: "{\"error\":\"bad " + KEY + "\",\"output\":null}")
						.getBytes(StandardCharsets.UTF_8);
				}
				case 5 -> {
					hostile("garbage");
					byte[] garbage = new byte[random.nextInt(300)];
					random.nextBytes(garbage);
					return garbage;
				}
				case 6 -> {
					hostile("empty");
					return new byte[0];
				}
				default -> {
					return bytes;
				}
			}
		}

		private String events(Random random) {
			String[] endings = { "\n", "\r", "\r\n" };
			String end = endings[random.nextInt(3)];
			benign("SSE line ending " + end.replace("\r", "CR").replace("\n", "LF"));
			StringBuilder stream = new StringBuilder();
			if (random.nextInt(4) == 0) {
				stream.append('\uFEFF');
				benign("BOM");
			}
			for (String data : this.operation.events(random)) {
				if (random.nextInt(4) == 0) {
					stream.append(": keep-alive").append(end);
					benign("comment");
				}
				if (random.nextInt(6) == 0) {
					stream.append("retry: abc")
						.append(end)
						.append("id: 7")
						.append(end)
						.append("foo: bar")
						.append(end)
						.append("nocolon")
						.append(end);
					benign("odd fields");
				}
				stream.append("data: ").append(data).append(end).append(end);
			}
			if (this.operation != Operation.STREAM_RESPONSES) {
				stream.append("data: [DONE]").append(end).append(end);
			}
			return stream.toString();
		}

		private void split(byte[] bytes, Random random) {
			int at = 0;
			while (at < bytes.length) {
				int size = Math.min(bytes.length - at, 1 + random.nextInt(Math.max(1, bytes.length / 2 + 1)));
				this.pieces.add(java.util.Arrays.copyOfRange(bytes, at, at + size));
				at += size;
			}
		}

		private static void write(ByteArrayOutputStream out, String text) {
			out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
		}

		void writeTo(OutputStream out) throws IOException {
			for (byte[] piece : this.pieces) {
				out.write(piece);
				out.flush();
				if (this.dripMillis > 0) {
					// the hostile server's own pacing (a drip between pieces), not a wait
					// for an outcome
					try {
						Thread.sleep(this.dripMillis);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
			if (this.reset) {
				throw new ScriptedHttpServer.ResetConnection();
			}
		}

		/** The bytes of the answer, escaped, for a replayed case. */
		String dump() {
			StringBuilder text = new StringBuilder();
			for (byte[] piece : this.pieces) {
				for (byte b : piece) {
					int c = b & 0xff;
					text.append((c >= 0x20 && c < 0x7f) ? String.valueOf((char) c) : String.format("\\x%02x", c));
				}
				text.append(" | ");
			}
			return text.toString();
		}

		@Override
		public String toString() {
			return this.operation + " " + this.traits;
		}

	}

}
