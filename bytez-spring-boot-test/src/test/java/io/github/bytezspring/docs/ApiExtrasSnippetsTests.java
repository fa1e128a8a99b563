package io.github.bytezspring.docs;

import java.util.Map;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the snippets of requesting a model, extra body fields and per-call API keys
 * ({@code docs/models-and-clusters.md}, {@code docs/tasks.md}, {@code docs/security.md}).
 */
@ExtendWith(BytezStubExtension.class)
class ApiExtrasSnippetsTests {

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	ApiExtrasSnippetsTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	/**
	 * The pages' readers run their code against the strict stub of
	 * {@code @AutoConfigureBytezStub}, which refuses a field the model's task does not
	 * take; so do these tests (the extension resets the stub, and with it strict mode,
	 * before each test).
	 */
	@BeforeEach
	void strict() {
		this.stub.strict(true);
	}

	@Test
	void requestModel() {
		String answer = bytez.requestModel("acme/brand-new-model").block(); // "Job
																			// queued"
		assertThat(answer).isEqualTo("Job queued");
		assertThat(this.stub.lastRequest().path()).isEqualTo("/models/v2/request/acme/brand-new-model");
	}

	@Test
	void extraFields() {
		BytezResponse response = bytez
			.run("openai-community/gpt2", BytezInput.text("Once upon a time"),
					BytezOptions.builder()
						.maxNewTokens(20)
						.field("autoScale", true) // any top-level field of the body
						.field("input", Map.of("prompt", "Once upon a time"))
						.build())
			.block();
		StubRequest sent = this.stub.lastRequest();
		assertThat(sent.json().get("autoScale").asBoolean()).isTrue();
		assertThat(sent.json().get("input").get("prompt").stringValue()).isEqualTo("Once upon a time");
		assertThat(sent.json().get("text").stringValue()).isEqualTo("Once upon a time");
		assertThat(response.outputText()).isNotEmpty();
	}

	@Test
	void perCallApiKey() {
		String tenantKey = "tenant-key-of-acme";
		BytezResponse response = bytez
			.run("openai-community/gpt2", BytezInput.text("Hi"), BytezOptions.builder().apiKey(tenantKey).build()) // this
																													// call
																													// only
			.block();
		assertThat(this.stub.lastRequest().header("Authorization")).isEqualTo(tenantKey);
		assertThat(response.outputText()).isNotEmpty();
	}

}
