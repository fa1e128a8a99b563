package io.github.bytezspring.docs;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Java snippets of {@code docs/failover.md}, run against the strict stub as the
 * page's readers would (the budget's on a stub of its own, since it builds its own
 * template); keep each method's calls the same as its snippet's.
 */
@SpringBootTest
@AutoConfigureBytezStub
class FailoverDocsSnippetsTests {

	@Autowired
	BytezTemplate bytez;

	@Autowired
	BytezStubServer stub;

	@Test
	void fallbackPerCall() {
		this.stub.task("meta-llama/Llama-3.1-8B-Instruct", "chat").task("Qwen/Qwen2.5-7B-Instruct", "chat");
		this.stub.script("meta-llama/Llama-3.1-8B-Instruct").nextCall().error(402, "Insufficient credits.");
		BytezTemplate bytez = this.bytez;

		BytezOptions options = BytezOptions.builder()
			.timeout(Duration.ofSeconds(20))
			.fallbackModels("Qwen/Qwen2.5-7B-Instruct", "openai/gpt-4o-mini")
			.build();
		BytezResponse response = bytez
			.run("meta-llama/Llama-3.1-8B-Instruct", BytezInput.messages(BytezMessage.user("Hello")), options)
			.block();
		String answeredBy = response.model();

		assertThat(answeredBy).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
		assertThat(response.outputText()).isEqualTo(this.stub.exampleText("chat"));
		assertThat(this.stub.requests("meta-llama/Llama-3.1-8B-Instruct")).hasSize(1);
		assertThat(this.stub.requests("Qwen/Qwen2.5-7B-Instruct")).singleElement()
			.satisfies((request) -> assertThat(request.json().get("messages").get(0).get("content").stringValue())
				.isEqualTo("Hello"));
		assertThat(this.stub.requests("openai/gpt-4o-mini")).isEmpty();
	}

	@Test
	void budgetWithoutBoot() {
		try (BytezStubServer stub = BytezStubServer.start()) {
			// as the snippet, with the stub's key and address and a budget of 0 that the
			// first call finds spent
			BytezTemplate bytez = BytezTemplate.builder()
				.apiKey(BytezStubServer.API_KEY)
				.baseUrl(stub.baseUrl())
				.budgetMaxCost(new BigDecimal("0.00"))
				.budgetPeriod(Duration.ofDays(1))
				.build();
			String answer = bytez.run("Qwen/Qwen3-4B", BytezInput.text("Hello"))
				.map((response) -> response.outputText())
				.onErrorResume(BytezBudgetExceededException.class,
						(ex) -> Mono.just("Today's AI budget is spent; back at " + ex.getPeriodEnd()))
				.block();

			assertThat(answer).startsWith("Today's AI budget is spent; back at ").endsWith("T00:00:00Z");
			assertThat(stub.requests()).isEmpty();
		}
	}

}
