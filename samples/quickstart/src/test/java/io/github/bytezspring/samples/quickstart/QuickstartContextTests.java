package io.github.bytezspring.samples.quickstart;

import java.util.List;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's application context in a Spring test with
 * {@link AutoConfigureBytezStub}: the test context that {@code process-test-aot}
 * processes, so that the build also runs it AOT-processed.
 */
@SpringBootTest
@AutoConfigureBytezStub
class QuickstartContextTests {

	@Autowired
	private BytezOperations bytez;

	@Test
	void theAutoConfiguredClientCallsTheStub() {
		List<String> tasks = this.bytez.listTasks().block();
		assertThat(tasks).hasSize(34).contains("chat", "image-classification");
		String answer = this.bytez.run(QuickstartRunner.CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hello bot")))
			.block()
			.outputText();
		assertThat(answer).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

}
