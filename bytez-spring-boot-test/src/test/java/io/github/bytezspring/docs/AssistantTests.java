package io.github.bytezspring.docs;

import java.time.Duration;

import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test of {@link Assistant} shown in {@code docs/testing.md}, as written there.
 */
@SpringBootTest(properties = "bytez.retry.initial-backoff=5ms")
@AutoConfigureBytezStub
class AssistantTests {

	@Autowired
	Assistant assistant;

	@Autowired
	BytezStubServer stub;

	@Test
	void answersWithTheModel() {
		this.stub.answerText("Qwen/Qwen3-4B", "London.");
		assertThat(this.assistant.answer("Capital of England?").block()).isEqualTo("London.");
		StubRequest sent = this.stub.lastRequest("Qwen/Qwen3-4B");
		assertThat(sent.json().get("messages").get(1).get("content").stringValue()).isEqualTo("Capital of England?");
		assertThat(sent.json().get("params").get("max_new_tokens").intValue()).isEqualTo(200);
	}

	@Test
	void survivesARateLimit() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().rateLimited(Duration.ofMillis(50));
		assertThat(this.assistant.answer("Now?").block()).isEqualTo(this.stub.exampleText("chat"));
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).hasSize(2);
	}

}
