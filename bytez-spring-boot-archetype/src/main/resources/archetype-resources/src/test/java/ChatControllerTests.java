package ${package};

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on a random port against the Bytez stub: no key, no network.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "bytez.retry.initial-backoff=5ms")
@AutoConfigureBytezStub
@AutoConfigureWebTestClient
class ChatControllerTests {

	static final String MODEL = "Qwen/Qwen3-4B";

	/** Leading spaces, a line break and characters of two, three and four bytes in UTF-8. */
	static final String ANSWER = " Hello there,\n  the sea is calm — größer als 海 🌊.";

	private static final ParameterizedTypeReference<ServerSentEvent<ChatController.Piece>> EVENT;

	static {
		EVENT = new ParameterizedTypeReference<>() {
		};
	}

	@Autowired
	WebTestClient client;

	@Autowired
	BytezStubServer stub;

	@BeforeEach
	void answerWithTrickyText() {
		this.stub.answerText(MODEL, ANSWER);
		// three bytes a chunk: multi-byte characters are cut in two on the wire, as they are for real
		this.stub.streamPacing(StreamPacing.chunkSize(3));
	}

	@Test
	void streamsTheAnswerToTheBrowserWithoutLosingACharacter() {
		List<ServerSentEvent<ChatController.Piece>> events = this.client.get()
			.uri("/chat?prompt={prompt}", "How is the sea?")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(events).hasSizeGreaterThan(2);
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		StringBuilder shown = new StringBuilder();
		events.stream()
			.filter((event) -> "token".equals(event.event()))
			.forEach((event) -> shown.append(event.data().text()));
		assertThat(shown).hasToString(ANSWER);
		assertThat(this.stub.lastRequest(MODEL).json().toString()).contains("How is the sea?");
	}

	@Test
	void answersWhole() {
		this.client.get()
			.uri("/answer?prompt={prompt}", "How is the sea?")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text")
			.isEqualTo(ANSWER);
	}

	@Test
	void aFailureAfterTheStartIsAnEventOfItsOwn() {
		this.stub.script(MODEL).serverError(500);

		List<ServerSentEvent<ChatController.Piece>> events = this.client.get()
			.uri("/chat?prompt={prompt}", "How is the sea?")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("failure");
			assertThat(event.data().text()).startsWith("The model could not answer");
		});
	}

}
