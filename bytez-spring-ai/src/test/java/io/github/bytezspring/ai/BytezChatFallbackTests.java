package io.github.bytezspring.ai;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The chat model's fallback models, against the stub's scripted failures: the prompt goes
 * to the next model, and the response names the model that answered.
 */
@ExtendWith(BytezStubExtension.class)
class BytezChatFallbackTests {

	private static final String PRIMARY = "org/primary";

	private static final String BACKUP = "org/backup";

	private final BytezStubServer stub;

	private final BytezChatModel model;

	BytezChatFallbackTests(BytezStubServer stub) {
		this.stub = stub;
		BytezTemplate bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
		this.model = new BytezChatModel(bytez,
				BytezChatOptions.builder().model(PRIMARY).fallbackModels(BACKUP).build());
	}

	@BeforeEach
	void answers() {
		this.stub.answerText(PRIMARY, "from primary");
		this.stub.answerText(BACKUP, "from backup");
		this.stub.answerText("org/third", "from third");
	}

	@Test
	void aPromptTheModelCannotAnswerGoesToTheNextAndTheResponseNamesIt() {
		this.stub.script(PRIMARY).nextCall().error(402, "Out of credits");

		ChatResponse response = this.model.call(new Prompt("Hi"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("from backup");
		assertThat(response.getMetadata().getModel()).isEqualTo(BACKUP);
		assertThat(this.stub.requests(PRIMARY)).hasSize(1);
		assertThat(this.stub.requests(BACKUP)).hasSize(1);
	}

	@Test
	void aStreamFallsBackBeforeItsFirstChunkAndItsResponsesNameTheModelThatAnswered() {
		this.stub.script(PRIMARY).nextCall().rateLimited();

		List<ChatResponse> responses = this.model.stream(new Prompt("Hi")).collectList().block(Duration.ofSeconds(10));

		assertThat(responses.stream()
			.map((response) -> response.getResult().getOutput().getText())
			.collect(Collectors.joining())).isEqualTo("from backup");
		assertThat(responses).allSatisfy((response) -> assertThat(response.getMetadata().getModel()).isEqualTo(BACKUP));
		assertThat(this.stub.requests(PRIMARY)).hasSize(1);
		assertThat(this.stub.requests(BACKUP)).hasSize(1);
	}

	@Test
	void aPromptsOwnOptionsReplaceTheChainAndNoneTurnItOff() {
		this.stub.script(PRIMARY).nextCalls(2).error(402, "Out of credits");

		assertThatExceptionOfType(BytezPaymentRequiredException.class)
			.isThrownBy(() -> this.model.call(new Prompt("Hi", BytezChatOptions.builder().fallbackModels().build())));
		ChatResponse response = this.model
			.call(new Prompt("Hi", BytezChatOptions.builder().fallbackModels("org/third").build()));

		assertThat(response.getMetadata().getModel()).isEqualTo("org/third");
		assertThat(this.stub.requests(PRIMARY)).hasSize(2);
		assertThat(this.stub.requests(BACKUP)).isEmpty();
	}

	@Test
	void withoutAFallbackTheResponseNamesTheRequestedModel() {
		ChatResponse response = this.model.call(new Prompt("Hi"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("from primary");
		assertThat(response.getMetadata().getModel()).isEqualTo(PRIMARY);
		assertThat(this.stub.requests(BACKUP)).isEmpty();
	}

	@Test
	void theChatObservationHasTheRequestedAndTheAnsweringModel() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		BytezChatModel observed = new BytezChatModel(BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build(), BytezChatOptions.builder().model(PRIMARY).fallbackModels(BACKUP).build(), observations);
		this.stub.script(PRIMARY).nextCall().rateLimited();

		observed.call(new Prompt("Hi"));

		assertThat(observations).hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("gen_ai.request.model", PRIMARY)
			.hasLowCardinalityKeyValue("gen_ai.response.model", BACKUP);
	}

}
