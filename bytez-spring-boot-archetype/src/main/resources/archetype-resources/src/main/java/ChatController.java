package ${package};

import io.github.bytezspring.client.error.BytezException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's API: {@code GET /chat?prompt=..} streams the answer as Server-Sent Events, and
 * {@code GET /answer?prompt=..} returns it whole.
 * <p>
 * Each piece of the answer is one {@code token} event whose data is JSON, {@code {"text":" piece"}}: a
 * plain-text {@code data:} line would lose the space after {@code data:} (most model tokens begin with
 * one) and split at line breaks, while JSON keeps leading spaces, line breaks and every Unicode character.
 * The page reads it with {@code JSON.parse(event.data).text}. A {@code done} event ends the answer, so
 * that the page can close its {@code EventSource}; a {@code failure} event says what went wrong once the
 * stream has begun.
 */
@RestController
public class ChatController {

	private final ChatService chat;

	public ChatController(ChatService chat) {
		this.chat = chat;
	}

	@GetMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<Piece>> chat(@RequestParam String prompt) {
		return this.chat.stream(prompt)
			.map((text) -> ServerSentEvent.builder(new Piece(text)).event("token").build())
			.concatWith(Mono.just(ServerSentEvent.builder(new Piece("")).event("done").build()))
			.onErrorResume(BytezException.class, (ex) -> Mono
				.just(ServerSentEvent.builder(new Piece("The model could not answer: " + ex.getMessage()))
					.event("failure")
					.build()));
	}

	@GetMapping(path = "/answer", produces = MediaType.APPLICATION_JSON_VALUE)
	public Mono<Piece> answer(@RequestParam String prompt) {
		return this.chat.answer(prompt).map(Piece::new);
	}

	/**
	 * A piece of an answer, sent as JSON.
	 *
	 * @param text the text, exactly as the model wrote it
	 */
	public record Piece(String text) {
	}

}
