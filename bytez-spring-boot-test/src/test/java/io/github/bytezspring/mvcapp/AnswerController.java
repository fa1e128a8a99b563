package io.github.bytezspring.mvcapp;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Returns the template's {@code Mono} and {@code Flux} straight from Spring MVC.
 */
@RestController
class AnswerController {

	private final BytezTemplate bytez;

	AnswerController(BytezTemplate bytez) {
		this.bytez = bytez;
	}

	@GetMapping("/answer")
	Mono<Answer> answer(@RequestParam String question) {
		return this.bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user(question)))
			.map((response) -> new Answer(response.outputText()));
	}

	@GetMapping(path = "/story", produces = "text/plain;charset=UTF-8")
	Flux<String> story(@RequestParam String start) {
		return this.bytez.stream("openai-community/gpt2", BytezInput.text(start));
	}

}
