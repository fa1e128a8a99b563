package io.github.bytezspring.test.app;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The application's service: answers questions with a chat model and tells stories with a
 * text model.
 */
@Service
class Advisor {

	static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	static final String STORY_MODEL = "openai-community/gpt2";

	private final BytezOperations bytez;

	Advisor(BytezOperations bytez) {
		this.bytez = bytez;
	}

	Mono<String> advise(String question) {
		return this.bytez
			.run(CHAT_MODEL,
					BytezInput.messages(BytezMessage.system("Answer in one sentence."), BytezMessage.user(question)),
					BytezOptions.builder().maxNewTokens(64).build())
			.map(BytezResponse::outputText);
	}

	Flux<String> story(String beginning) {
		return this.bytez.stream(STORY_MODEL, BytezInput.text(beginning));
	}

}
