package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TextEvents}: pieces relayed over a real {@code text/event-stream}
 * response arrive exactly, where the plain strings would not.
 */
class TextEventsTests {

	/**
	 * Leading spaces, line breaks inside and around pieces, a CR, blanks, an empty piece,
	 * Unicode.
	 */
	static final List<String> PIECES = List.of("a", " bc", " de\nf", "\n", "  ", " g\r\nh ", "", "data: x", "\n\n",
			" 🙂 ünï", ":");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Test
	void everyPieceArrivesExactlyAsOneEvent() {
		WebTestClient client = serve(TextEvents.of(Flux.fromIterable(PIECES), "token"));

		List<ServerSentEvent<String>> events = client.get()
			.uri("/")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(events).allSatisfy((event) -> assertThat(event.event()).isEqualTo("token"));
		assertThat(events).extracting((event) -> JSON.readTree(event.data()).stringValue())
			.containsExactlyElementsOf(PIECES);
	}

	@Test
	void eachEventIsOneDataLineHoldingAJsonString() {
		String body = serve(TextEvents.of(Flux.just(" de\nf", " bc"), "token")).get()
			.uri("/")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(body).isEqualTo("event:token\ndata:\" de\\nf\"\n\nevent:token\ndata:\" bc\"\n\n");
	}

	@Test
	void plainStringsLoseCharacters() {
		// why TextEvents exists: the same pieces returned as a Flux<String> of
		// text/event-stream
		WebTestClient client = servePlain(Flux.fromIterable(PIECES));

		List<String> received = client.get()
			.uri("/")
			.exchange()
			.returnResult(EVENT)
			.getResponseBody()
			.map((event) -> (event.data() != null) ? event.data() : "")
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(received).isNotEqualTo(PIECES);
		assertThat(received).contains("bc").doesNotContain(" bc");
	}

	@Test
	void anEventsDataIsItsValueAsJson() {
		assertThat(TextEvents.event("done", Map.of()).data()).isEqualTo("{}");
		assertThat(TextEvents.event("failure", "Bytez said: \"no\"").data()).isEqualTo("\"Bytez said: \\\"no\\\"\"");
	}

	@Test
	void badArgumentsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> TextEvents.of(null, "token"))
			.withMessage("pieces must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> TextEvents.of(Flux.empty(), " "))
			.withMessage("name must not be empty");
	}

	private static WebTestClient serve(Flux<ServerSentEvent<String>> events) {
		return client(ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events, EVENT));
	}

	private static WebTestClient servePlain(Flux<String> pieces) {
		return client(ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(pieces, String.class));
	}

	private static WebTestClient client(Mono<ServerResponse> response) {
		return WebTestClient.bindToRouterFunction(RouterFunctions.route().GET("/", (request) -> response).build())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
