package io.github.bytezspring.docs;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Java snippets of {@code docs/failover.md}, run against the stub; keep each method's calls the
 * same as its snippet's.
 */
class FailoverDocsSnippetsTests {

	private final BytezStubServer stub = BytezStubServer.start();

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void budgetWithoutBoot() {
		// as the snippet, with the stub's key and address and a budget of 0 that the first call finds spent
		BytezTemplate bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.budgetMaxCost(new BigDecimal("0.00"))
			.budgetPeriod(Duration.ofDays(1))
			.build();
		String answer = bytez.run("Qwen/Qwen3-4B", BytezInput.text("Hello"))
			.map((response) -> response.outputText())
			.onErrorResume(BytezBudgetExceededException.class,
					(ex) -> Mono.just("Today's AI budget is spent; back at " + ex.getPeriodEnd()))
			.block();

		assertThat(answer).startsWith("Today's AI budget is spent; back at ").endsWith("T00:00:00Z");
		assertThat(this.stub.requests()).isEmpty();
	}

}
