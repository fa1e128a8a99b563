package io.github.bytezspring.samples.chatweb;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for the chat relay of {@link ChatController}, with the exact pieces a model
 * streams: each arrives in the browser's event stream character for character.
 */
class ChatControllerRelayTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BytezOperations bytez = mock(BytezOperations.class);

	private final WebTestClient client = WebTestClient.bindToController(new ChatController(this.bytez, "test"))
		.configureClient()
		.responseTimeout(Duration.ofSeconds(10))
		.build();

	@Test
	void piecesWithLeadingSpacesAndLineBreaksArriveExactly() {
		given(this.bytez.stream(eq(ChatController.CHAT_MODEL), any(BytezInput.class), any(BytezOptions.class)))
			.willReturn(Flux.fromIterable(TextEventsTests.PIECES));

		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/chat/stream?prompt=Hi")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(events).hasSize(TextEventsTests.PIECES.size() + 1);
		List<ServerSentEvent<String>> tokens = events.subList(0, TextEventsTests.PIECES.size());
		assertThat(tokens).allSatisfy((event) -> assertThat(event.event()).isEqualTo("token"));
		assertThat(tokens).extracting((event) -> JSON.readTree(event.data()).stringValue())
			.containsExactlyElementsOf(TextEventsTests.PIECES);
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
	}

}
