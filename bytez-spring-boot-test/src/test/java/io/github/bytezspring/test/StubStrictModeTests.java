package io.github.bytezspring.test;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the stub's strict mode, which checks run requests against their model's task.
 */
@ExtendWith(BytezStubExtension.class)
class StubStrictModeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String GPT2 = "openai-community/gpt2";

	private static final String CHAT = "Qwen/Qwen3-4B";

	private final BytezStubServer stub;

	private final StubHttp http;

	StubStrictModeTests(BytezStubServer stub) {
		this.stub = stub;
		this.http = new StubHttp(stub);
	}

	@Test
	void aPlainStubIsLenient() {
		assertThat(this.stub.isStrict()).isFalse();
		assertThat(template().run(GPT2, BytezInput.messages(BytezMessage.user("Hi"))).block(TIMEOUT).outputText())
			.isEqualTo(this.stub.exampleText("text-generation"));
	}

	@Test
	void messagesSentToATextGenerationModelAreRefusedNamingTheField() {
		this.stub.strict(true);
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> template().run(GPT2, BytezInput.messages(BytezMessage.user("Hi"))).block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorMessage()).startsWith("Unexpected field 'messages'")
					.contains("text-generation")
					.contains("text, ");
			});
		assertThat(this.stub.requests(GPT2)).hasSize(1);
	}

	@Test
	void theRefusalIsBytezShaped() {
		this.stub.strict(true);
		HttpResponse<String> response = this.http.send("POST", "/models/v2/" + CHAT, "{\"text\":\"Hi\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(StubHttp.MAPPER.readTree(response.body()).get("error").stringValue())
			.startsWith("Unexpected field 'text': Qwen/Qwen3-4B is a chat model, which takes messages");
		assertThat(StubHttp.MAPPER.readTree(response.body()).get("output").isNull()).isTrue();
	}

	@Test
	void theTasksOwnFieldsAndTheCommonOnesAreAccepted() {
		this.stub.strict(true);
		BytezTemplate template = template();
		assertThat(template.run(GPT2, BytezInput.text("Once"), BytezOptions.builder().maxNewTokens(5).build())
			.block(TIMEOUT)
			.outputText()).isEqualTo(this.stub.exampleText("text-generation"));
		assertThat(template.run(CHAT, BytezInput.messages(BytezMessage.user("Hi"))).block(TIMEOUT).outputText())
			.isEqualTo(this.stub.exampleText("chat"));
		assertThat(template.stream(CHAT, BytezInput.messages(BytezMessage.user("Hi")))
			.collectList()
			.map((chunks) -> String.join("", chunks))
			.block(TIMEOUT)).isEqualTo(this.stub.exampleText("chat"));
		HttpResponse<String> autoScaled = this.http.send("POST", "/models/v2/" + GPT2,
				"{\"text\":\"Hi\",\"params\":{},\"autoScale\":true,\"json\":true}");
		assertThat(autoScaled.statusCode()).isEqualTo(200);
	}

	@Test
	void aModelWithoutAKnownTaskIsNotCheckedUntilGivenOne() {
		this.stub.strict(true).answerText("acme/own-model", "Fine");
		BytezTemplate template = template();
		assertThat(template.run("acme/own-model", BytezInput.text("Hi")).block(TIMEOUT).outputText()).isEqualTo("Fine");
		this.stub.task("acme/own-model", "chat");
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> template.run("acme/own-model", BytezInput.text("Hi")).block(TIMEOUT))
			.withMessageContaining("Unexpected field 'text'");
		assertThat(template.run("acme/own-model", BytezInput.messages(BytezMessage.user("Hi")))
			.block(TIMEOUT)
			.outputText()).isEqualTo("Fine");
	}

	@Test
	void aModelGivenATaskAnswersItsExample() {
		this.stub.task("acme/summarizer", "summarization");
		assertThat(template().run("acme/summarizer", BytezInput.text("Long text")).block(TIMEOUT).outputText())
			.isEqualTo(this.stub.exampleText("summarization"));
	}

	@Test
	void anUnknownTaskIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.task("acme/model", "chatting"))
			.withMessageContaining("'chatting'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.stub.task("no-slash", "chat"))
			.withMessageContaining("modelId");
	}

	@Test
	void resetRestoresTheDefaultAndForgetsDeclaredTasks() {
		this.stub.strict(true).task("acme/model", "chat");
		this.stub.reset();
		assertThat(this.stub.isStrict()).isFalse();
		assertThat(this.stub.strictByDefault(true).isStrict()).isTrue();
		this.stub.strict(false);
		this.stub.reset();
		assertThat(this.stub.isStrict()).isTrue();
		this.stub.strictByDefault(false);
		HttpResponse<String> unknown = this.http.send("POST", "/models/v2/acme/model", "{\"text\":\"Hi\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
	}

	private BytezTemplate template() {
		return BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(this.stub.baseUrl()).build();
	}

}
