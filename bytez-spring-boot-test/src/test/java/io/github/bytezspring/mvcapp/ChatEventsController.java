package io.github.bytezspring.mvcapp;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay of {@code docs/streaming.md}, unchanged, in Spring MVC: each piece an SSE
 * event whose data is JSON, then a {@code done} event.
 */
@RestController
class ChatEventsController {

	private final BytezTemplate bytez;

	ChatEventsController(BytezTemplate bytez) {
		this.bytez = bytez;
	}

	@GetMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Piece>> chat(@RequestParam String prompt) {
		return this.bytez.stream("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user(prompt)))
			.map((text) -> ServerSentEvent.builder(new Piece(text)).event("token").build())
			.concatWith(Mono.just(ServerSentEvent.builder(new Piece("")).event("done").build()));
	}

}
