package io.github.bytezspring.mvcapp;

import java.time.Duration;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A blocking caller: waits for the answer on the request's thread, a virtual thread with
 * {@code spring.threads.virtual.enabled=true} on Java 21 or newer.
 */
@RestController
class BlockingAnswerController {

	private final BytezTemplate bytez;

	BlockingAnswerController(BytezTemplate bytez) {
		this.bytez = bytez;
	}

	@GetMapping("/answer-now")
	Answer answer(@RequestParam String question) {
		BytezResponse response = this.bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user(question)))
			.block(Duration.ofMinutes(2));
		return new Answer(response.outputText());
	}

}
