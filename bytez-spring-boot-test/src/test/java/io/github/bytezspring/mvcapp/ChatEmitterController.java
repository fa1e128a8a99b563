package io.github.bytezspring.mvcapp;

import java.io.IOException;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays a stream through an {@link SseEmitter}: subscribes, forwards each piece as a
 * JSON event, and cancels the Bytez stream when the emitter times out, fails or
 * completes.
 */
@RestController
class ChatEmitterController {

	private final BytezTemplate bytez;

	ChatEmitterController(BytezTemplate bytez) {
		this.bytez = bytez;
	}

	@GetMapping(path = "/chat-emitter", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter chat(@RequestParam String prompt) {
		SseEmitter emitter = new SseEmitter(); // times out after
												// spring.mvc.async.request-timeout
		Disposable stream = this.bytez.stream("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user(prompt)))
			.publishOn(Schedulers.boundedElastic()) // send() is a blocking servlet write:
													// not on a Reactor thread
			.subscribe((text) -> send(emitter, SseEmitter.event().name("token").data(new Piece(text))),
					emitter::completeWithError, () -> {
						send(emitter, SseEmitter.event().name("done").data(new Piece("")));
						emitter.complete();
					});
		emitter.onTimeout(emitter::complete); // ends the response without an error
		emitter.onCompletion(stream::dispose); // however it ends, the Bytez stream is
												// cancelled
		return emitter;
	}

	private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException ex) { // the client has gone: onError and onCompletion follow
			emitter.completeWithError(ex);
		}
	}

}
