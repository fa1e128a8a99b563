package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.internal.InterimAnswers;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionAssembler;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each defect the hostile-answer campaign found, one answer each, served byte by byte
 * from loopback: malformed answers are invalid responses (never retried, never a
 * transport failure, never a bare programming error), metering never fails a call,
 * interim answers are never successes, and no key survives anywhere in a failure's cause
 * chain.
 */
class BytezHostileAnswersTests {

	static final String KEY = "hostile-test-key-6f1d";

	static final String PROVIDER_KEY = "hostile-provider-key-93ab";

	static final Duration BOUND = Duration.ofSeconds(10);

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.retries();

	private BytezTemplate template(ScriptedHttpServer server) {
		return template(server, BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build());
	}

	private BytezTemplate template(ScriptedHttpServer server, BytezRetryPolicy policy) {
		return BytezTemplate.builder()
			.apiKey(KEY)
			.providerKey(PROVIDER_KEY)
			.baseUrl(server.baseUrl())
			.responseTimeout(Duration.ofSeconds(5))
			.streamIdleTimeout(Duration.ofSeconds(5))
			.retryPolicy(policy)
			.meterRegistry(new SimpleMeterRegistry())
			.build();
	}

	static ScriptedHttpServer answering(String head, String body) throws IOException {
		return new ScriptedHttpServer((request, out) -> write(out, head, body));
	}

	static void write(OutputStream out, String head, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		out.write((head + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		out.write(bytes);
	}

	static <T> T block(Mono<T> call) {
		return call.block(BOUND);
	}

	static <T> List<T> block(Flux<T> call) {
		return call.collectList().block(BOUND);
	}

	static final String CHAT_STREAM = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream";

	static final String CHUNK = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}";

	private static Flux<ChatCompletionChunk> chat(BytezTemplate template) {
		return template.openAi().streamChatCompletion(ChatCompletionRequest.of("org/model", ChatMessage.user("Hi")));
	}

	// defect 2: a metric can fail a valid answer

	@Test
	void anInfiniteTokenCountInARunAnswerIsIgnored() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/json",
				"{\"error\":null,\"output\":\"fine\",\"provider\":{\"usage\":{\"input_tokens\":1.7976931348623157e309,"
						+ "\"output_tokens\":-5}}}")) {
			BytezResponse response = block(template(server).run("openai/gpt-4o-mini", BytezInput.text("Hi")));
			assertThat(response.outputText()).isEqualTo("fine");
		}
	}

	@Test
	void hugeTokenCountsInAChatStreamAreIgnored() throws IOException {
		try (ScriptedHttpServer server = answering(CHAT_STREAM, "data: " + CHUNK + "\n\n"
				+ "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1e400,\"completion_tokens\":123456789012345678901234567890}}\n\n"
				+ "data: [DONE]\n\n")) {
			assertThat(block(chat(template(server)))).extracting(ChatCompletionChunk::content)
				.containsExactly("Hi", "");
		}
	}

	@Test
	void absurdMeteringHeadersAreIgnored() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				+ "ratelimit-limit: 99999999999999999999\r\nratelimit-remaining: -1\r\ninference-time: 1e400\r\n"
				+ "ratelimit-reset: NaN\r\ninference-meter: \u00ff\u00fe", "{\"error\":null,\"output\":\"fine\"}")) {
			BytezResponse response = block(template(server).run("org/model", BytezInput.text("Hi")));
			assertThat(response.outputText()).isEqualTo("fine");
			assertThat(response.metadata().limit()).isEmpty();
			assertThat(response.metadata().inferenceTime()).isEmpty();
		}
	}

	@Test
	void aMeterRegistryThatFailsNeverFailsACall() throws IOException {
		SimpleMeterRegistry failing = new SimpleMeterRegistry();
		failing.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				if (id.getName().startsWith("bytez.") && !id.getTags().isEmpty()) {
					throw new IllegalStateException("this registry refuses tagged bytez meters");
				}
				return id;
			}
		});
		try (ScriptedHttpServer server = answering(
				"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
						+ "inference-time: 1.5\r\ninference-meter: small",
				"{\"error\":null,\"output\":\"fine\",\"provider\":{\"usage\":{\"input_tokens\":3}}}")) {
			BytezTemplate template = BytezTemplate.builder()
				.apiKey(KEY)
				.baseUrl(server.baseUrl())
				.meterRegistry(failing)
				.build();
			assertThat(block(template.run("openai/gpt-4o-mini", BytezInput.text("Hi"))).outputText()).isEqualTo("fine");
			assertThat(block(template.stream("org/model", BytezInput.text("Hi")))).containsExactly("fine");
		}
	}

	@Test
	void theAccessorsOfReturnedValuesSkipNullElements() {
		ChatCompletionChunk chunk = new ChatCompletionChunk("c", null, null, null,
				Arrays.asList((ChatCompletionChunk.Choice) null), null);
		assertThat(chunk.content()).isEmpty();
		assertThat(chunk.reasoningContent()).isEmpty();
		assertThat(chunk.toolCalls()).isEmpty();
		ChatCompletionChunk pieces = new ChatCompletionChunk("c", null, null, null,
				List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta("assistant", "Hi", null,
						Arrays.asList((ChatCompletionChunk.ToolCallDelta) null)), null)),
				null);
		assertThat(ChatCompletionAssembler.assemble(List.of(chunk, pieces)).content()).isEqualTo("Hi");
		ChatCompletion completion = new ChatCompletion("c", null, null, null,
				Arrays.asList((ChatCompletion.Choice) null), null);
		assertThat(completion.content()).isNull();
		assertThat(completion.toolCalls()).isEmpty();
		assertThat(new Completion("c", null, null, null, Arrays.asList((Completion.Choice) null), null).text())
			.isNull();
		CompletionChunk completionChunk = new CompletionChunk("c", null, null, null,
				Arrays.asList((Completion.Choice) null), null);
		assertThat(completionChunk.text()).isEmpty();
		assertThat(completionChunk.finishReason()).isNull();
	}

	// defect 3: programming errors wrapped as transport failures

	@Test
	void aNullChoiceInAWholeChatAnswerIsAnInvalidResponse() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/json",
				"{\"choices\":[null]}")) {
			assertInvalid(() -> block(chat(template(server))), BytezOperation.STREAM_CHAT_COMPLETIONS, server, 1);
		}
	}

	@Test
	void aNullChoiceInAChunkIsAnInvalidResponse() throws IOException {
		try (ScriptedHttpServer server = answering(CHAT_STREAM, "data: {\"choices\":[null]}\n\ndata: [DONE]\n\n")) {
			assertInvalid(() -> block(chat(template(server))), BytezOperation.STREAM_CHAT_COMPLETIONS, server, 1);
		}
	}

	// defect 4: malformed answers reported as transport failures, and retried

	@Test
	void aMalformedMediaTypeOnAValidListIsAnInvalidResponseNotRetried() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/",
				"{\"error\":null,\"output\":[]}")) {
			assertInvalid(() -> block(template(server).listModels()), BytezOperation.LIST_MODELS, server, 1);
		}
	}

	@Test
	void aMalformedMediaTypeOnAnErrorStatusKeepsTheStatusError() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/",
				"{\"error\":\"Unauthorized\",\"output\":null}")) {
			assertThatExceptionOfType(BytezApiException.class)
				.isThrownBy(() -> block(template(server).run("org/model", BytezInput.text("Hi"))))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401));
		}
	}

	@Test
	void aRetryFieldThatIsNoNumberIsIgnored() throws IOException {
		try (ScriptedHttpServer server = answering(CHAT_STREAM,
				"retry: abc\n\ndata: " + CHUNK + "\n\ndata: [DONE]\n\n")) {
			assertThat(block(chat(template(server)))).extracting(ChatCompletionChunk::content).containsExactly("Hi");
		}
	}

	@Test
	void aChatStreamAnsweredAsNdjsonIsAnInvalidResponse() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson",
				CHUNK + "\n" + CHUNK + "\n")) {
			assertInvalid(() -> block(chat(template(server))), BytezOperation.STREAM_CHAT_COMPLETIONS, server, 1);
		}
	}

	// defect 5: interim answers

	@Test
	void anInterimAnswerBeforeAnErrorIsNeverASuccess() throws IOException {
		try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
			out.write("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			write(out, "HTTP/1.1 418 I'm a teapot\r\nContent-Type: application/json", "{\"error\":\"teapot\"}");
		})) {
			assertThatExceptionOfType(BytezApiException.class)
				.isThrownBy(() -> block(template(server).stream("org/model", BytezInput.text("Hi"))));
		}
	}

	@Test
	void anInterimAnswerBeforeTheFinalAnswerIsSkippedByTheTemplatesOwnConnector() throws IOException {
		try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
			out.write("HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"error\":null,\"output\":\"fine\"}");
		})) {
			assertThat(block(template(server).run("org/model", BytezInput.text("Hi"))).outputText()).isEqualTo("fine");
		}
	}

	@Test
	void anInterimAnswerBeforeTheFinalAnswerIsSkippedByAReactorNettyConnectorThatSkipsThem() throws IOException {
		try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
			out.write("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			if (request.contains("/openai/")) {
				write(out, CHAT_STREAM, "data: " + CHUNK + "\n\ndata: [DONE]\n\n");
			}
			else {
				write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"error\":null,\"output\":\"fine\"}");
			}
		})) {
			BytezTemplate template = BytezTemplate.builder()
				.webClientBuilder(WebClient.builder()
					.clientConnector(new ReactorClientHttpConnector(InterimAnswers.skipping(HttpClient.create()))))
				.apiKey(KEY)
				.baseUrl(server.baseUrl())
				.build();
			assertThat(block(template.run("org/model", BytezInput.text("Hi"))).outputText()).isEqualTo("fine");
			assertThat(block(chat(template))).extracting(ChatCompletionChunk::content).containsExactly("Hi");
		}
	}

	@Test
	void anInterimAnswerAConnectorHandsOverIsAnInvalidResponse() throws IOException {
		try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
			out.write("HTTP/1.1 103 Early Hints\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"error\":null,\"output\":\"fine\"}");
		})) {
			// a plain WebClient.Builder: Spring's default Reactor Netty connector hands
			// the 103 over
			BytezTemplate template = BytezTemplate.builder()
				.webClientBuilder(WebClient.builder())
				.apiKey(KEY)
				.baseUrl(server.baseUrl())
				.build();
			BytezException failure = catchBytez(() -> block(template.run("org/model", BytezInput.text("Hi"))));
			assertThat(failure).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("HTTP 103, an interim answer");
			assertThat(failure.getAttempts()).isOne();
		}
	}

	// defect 6: Server-Sent Events as the standard defines them

	@ParameterizedTest
	@ValueSource(strings = { "\r", "\n", "\r\n" })
	void everyLineEndingOfTheStandardEndsEvents(String end) throws IOException {
		String body = ":comment" + end + "event: x" + end + "unknown: field" + end + "data: " + CHUNK + end + end
				+ "data: [DONE]" + end + end;
		try (ScriptedHttpServer server = answering(CHAT_STREAM, body)) {
			assertThat(block(chat(template(server)))).extracting(ChatCompletionChunk::content).containsExactly("Hi");
		}
	}

	@Test
	void aLeadingByteOrderMarkIsSkipped() throws IOException {
		try (ScriptedHttpServer server = answering(CHAT_STREAM, "\uFEFFdata: " + CHUNK + "\n\ndata: [DONE]\n\n")) {
			assertThat(block(chat(template(server)))).extracting(ChatCompletionChunk::content).containsExactly("Hi");
		}
	}

	@Test
	void aByteOrderMarkDoesNotHideAnErrorEvent() throws IOException {
		try (ScriptedHttpServer server = answering(CHAT_STREAM,
				"\uFEFFdata: {\"error\":{\"message\":\"model overloaded\"}}\n\n")) {
			assertThatExceptionOfType(BytezApiException.class).isThrownBy(() -> block(chat(template(server))))
				.withMessageContaining("model overloaded");
		}
	}

	// defect 7: keys in the cause chain

	@Test
	void aKeyEchoedInAHeaderIsInNoMessageOfTheCauseChain() throws IOException {
		try (ScriptedHttpServer server = answering(
				"HTTP/1.1 200 OK\r\nContent-Type: " + KEY + "/" + PROVIDER_KEY + "; =" + KEY,
				"{\"error\":null,\"output\":[]}")) {
			BytezException failure = catchBytez(() -> block(template(server).listModels()));
			assertThat(failure).isInstanceOf(BytezInvalidResponseException.class);
			assertThat(chainText(failure)).doesNotContain(KEY).doesNotContain(PROVIDER_KEY).contains("******");
		}
	}

	// defect 8: an HTML page as a native text stream

	@Test
	void anHtmlPageAsATextStreamIsAnInvalidResponse() throws IOException {
		try (ScriptedHttpServer server = answering("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8",
				"<html><body>Bad gateway</body></html>")) {
			assertInvalid(() -> block(template(server).stream("org/model", BytezInput.text("Hi"))),
					BytezOperation.STREAM, server, 1);
		}
	}

	private static void assertInvalid(Runnable call, BytezOperation operation, ScriptedHttpServer server,
			int attempts) {
		BytezException failure = catchBytez(call);
		assertThat(failure).isInstanceOf(BytezInvalidResponseException.class);
		assertThat(failure.getOperation()).isEqualTo(operation);
		assertThat(failure.getModelId()).isEqualTo((operation == BytezOperation.LIST_MODELS) ? null : "org/model");
		assertThat(failure.getAttempts()).isEqualTo(attempts);
		assertThat(server.requests()).hasSize(attempts);
		assertThat(chainClasses(failure)).noneMatch((name) -> name.equals(NullPointerException.class.getName())
				|| name.equals(ClassCastException.class.getName()));
	}

	static BytezException catchBytez(Runnable call) {
		try {
			call.run();
		}
		catch (BytezException ex) {
			return ex;
		}
		throw new AssertionError("the call succeeded, a BytezException was expected");
	}

	/**
	 * Every message and class name of a failure, its causes and suppressed failures,
	 * recursively.
	 */
	static String chainText(Throwable failure) {
		StringBuilder text = new StringBuilder();
		appendChain(failure, text, 0);
		return text.toString();
	}

	private static void appendChain(Throwable failure, StringBuilder text, int depth) {
		if (depth > 64) {
			return;
		}
		text.append(failure).append('\n');
		for (Throwable suppressed : failure.getSuppressed()) {
			appendChain(suppressed, text, depth + 1);
		}
		if (failure.getCause() != null && failure.getCause() != failure) {
			appendChain(failure.getCause(), text, depth + 1);
		}
	}

	private static List<String> chainClasses(Throwable failure) {
		List<String> names = new ArrayList<>();
		for (Throwable cause = failure; cause != null && names.size() < 64; cause = cause.getCause()) {
			names.add(cause.getClass().getName());
		}
		return names;
	}

}
