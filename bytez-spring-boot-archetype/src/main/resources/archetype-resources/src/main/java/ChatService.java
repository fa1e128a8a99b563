package ${package};

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Asks the chat model ({@code chat.model} in application.yml) a question, for a whole answer or as a
 * stream of text pieces.
 */
@Service
public class ChatService {

	private static final BytezMessage SYSTEM = BytezMessage.system("You are a helpful assistant. Answer clearly.");

	private final BytezOperations bytez;

	private final String model;

	public ChatService(BytezOperations bytez, @Value("${chat.model}") String model) {
		this.bytez = bytez;
		this.model = model;
	}

	/**
	 * The answer, piece by piece as the model writes it; nothing is sent before subscribing.
	 * @param question the user's question
	 * @return the pieces of text, whose concatenation is the answer
	 */
	public Flux<String> stream(String question) {
		return this.bytez.stream(this.model, BytezInput.messages(SYSTEM, BytezMessage.user(question)));
	}

	/**
	 * The whole answer at once.
	 * @param question the user's question
	 * @return the answer's text
	 */
	public Mono<String> answer(String question) {
		return this.bytez.run(this.model, BytezInput.messages(SYSTEM, BytezMessage.user(question)))
			.map(BytezResponse::outputText);
	}

}
