package io.github.bytezspring.docs;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The testing page's strict stub ({@code docs/testing.md}, "A strict stub").
 */
@SpringBootTest
@AutoConfigureBytezStub
class StrictStubTests {

	@Autowired
	BytezTemplate bytez;

	@Autowired
	BytezStubServer stub;

	@Test
	void aWrongInputShapeFailsTheTest() {
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(
					() -> this.bytez.run("openai-community/gpt2", BytezInput.messages(BytezMessage.user("Hi"))).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400))
			.withMessageContaining("Unexpected field 'messages'");
	}

	@Test
	void itIsStrictAgainAfterATestSwitchedItOff() {
		assertThat(this.stub.isStrict()).isTrue();
		this.stub.strict(false);
		assertThat(this.bytez.run("openai-community/gpt2", BytezInput.messages(BytezMessage.user("Hi")))
			.block()
			.outputText()).isNotEmpty();
	}

	/**
	 * The same application against a lenient stub.
	 */
	@SpringBootTest
	@AutoConfigureBytezStub(strict = false)
	static class LenientStubTests {

		@Autowired
		BytezTemplate bytez;

		@Test
		void aWrongInputShapeIsAnswered() {
			assertThat(this.bytez.run("openai-community/gpt2", BytezInput.messages(BytezMessage.user("Hi")))
				.block()
				.outputText()).isNotEmpty();
		}

	}

}
