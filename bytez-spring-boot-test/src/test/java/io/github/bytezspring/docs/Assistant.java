package io.github.bytezspring.docs;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The README's service that runs a model ({@code README.md}, "Run a model").
 */
@Service
class Assistant {

	private final BytezTemplate bytez;

	Assistant(BytezTemplate bytez) {
		this.bytez = bytez;
	}

	Mono<String> answer(String question) {
		return this.bytez
			.run("Qwen/Qwen3-4B",
					BytezInput.messages(BytezMessage.system("Answer briefly."), BytezMessage.user(question)),
					BytezOptions.builder().maxNewTokens(200).temperature(0.7).build())
			.map(BytezResponse::outputText);
	}

}
