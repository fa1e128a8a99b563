package io.github.bytezspring.docs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import org.springframework.http.codec.ServerSentEventHttpMessageWriter;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the snippet of {@code docs/streaming.md}, "Relaying a stream to a browser": the
 * controller's events are written as WebFlux writes them and parsed as a browser's
 * {@code EventSource} does, and the text must arrive exactly, leading spaces and line
 * breaks included.
 */
@ExtendWith(BytezStubExtension.class)
class RelaySnippetsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String MODEL = "Qwen/Qwen3-4B";

	private static final String TEXT = " Hello,\n world  and ✓ more\n\n end ";

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	RelaySnippetsTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	/**
	 * The pages' readers run their code against the strict stub of
	 * {@code @AutoConfigureBytezStub}, which refuses a field the model's task does not
	 * take; so do these tests (the extension resets the stub, and with it strict mode,
	 * before each test).
	 */
	@BeforeEach
	void strict() {
		this.stub.strict(true);
	}

	@Test
	void relayToBrowser() {
		this.stub.answerText(MODEL, TEXT).streamPacing(StreamPacing.chunkSize(2).every(Duration.ofMillis(2)));
		Flux<ServerSentEvent<ChatRelay.Piece>> events = new ChatRelay(this.bytez).chat("Hi");

		String wire = write(events, ResolvableType.forClassWithGenerics(ServerSentEvent.class, ChatRelay.Piece.class));
		assertThat(wire).contains("event:token\ndata:{\"text\":\" ");
		List<ServerSentEvent<ChatRelay.Piece>> received = readAsBrowser(wire, ChatRelay.Piece.class);
		assertThat(received).last().satisfies((event) -> assertThat(event.event()).isEqualTo("done"));
		StringBuilder text = new StringBuilder();
		received.stream()
			.filter((event) -> "token".equals(event.event()))
			.forEach((event) -> text.append(event.data().text()));
		assertThat(text).hasToString(TEXT);
		assertThat(this.stub.lastRequest(MODEL).json().get("stream").booleanValue()).isTrue();
	}

	@Test
	void plainStringEventsLoseLeadingSpaces() {
		Flux<String> pieces = Flux.just(" Hello", ",", " world", "\n", " end");
		String wire = write(pieces, ResolvableType.forClass(String.class));
		List<ServerSentEvent<String>> received = readAsBrowser(wire, String.class);
		StringBuilder text = new StringBuilder();
		received.forEach((event) -> text.append(event.data()));
		assertThat(text.toString()).isEqualTo("Hello,world\nend").isNotEqualTo(" Hello, world\n end");
	}

	private static String write(Flux<?> events, ResolvableType type) {
		MockServerHttpResponse response = new MockServerHttpResponse();
		new ServerSentEventHttpMessageWriter(new JacksonJsonEncoder())
			.write(events, type, MediaType.TEXT_EVENT_STREAM, response, Map.of())
			.block(TIMEOUT);
		return response.getBodyAsString().block(TIMEOUT);
	}

	@SuppressWarnings("unchecked")
	private static <T> List<ServerSentEvent<T>> readAsBrowser(String wire, Class<T> dataType) {
		MockServerHttpRequest request = MockServerHttpRequest.post("/")
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(wire);
		return new ServerSentEventHttpMessageReader(new JacksonJsonDecoder())
			.read(ResolvableType.forClassWithGenerics(ServerSentEvent.class, dataType), request, Map.of())
			.map((event) -> (ServerSentEvent<T>) event)
			.collectList()
			.block(TIMEOUT);
	}

	/**
	 * The controller of the snippet.
	 */
	static class ChatRelay {

		private final BytezTemplate bytez;

		ChatRelay(BytezTemplate bytez) {
			this.bytez = bytez;
		}

		record Piece(String text) {
		}

		@GetMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<Piece>> chat(@RequestParam String prompt) {
			return this.bytez.stream("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user(prompt)))
				.map((text) -> ServerSentEvent.builder(new Piece(text)).event("token").build())
				.concatWith(Mono.just(ServerSentEvent.builder(new Piece("")).event("done").build()));
		}

	}

}
