package io.github.bytezspring.samples.springai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample offline against the embedded stub.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiChatApplicationTests {

	@Test
	void runsEveryStepAgainstTheEmbeddedStub(CapturedOutput output) {
		int exitCode = SpringAiChatApplication.run("--bytez.api-key=", "--BYTEZ_API_KEY=");
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("using the embedded Bytez stub")
			.contains("1. With memory: " + SpringAiChatApplication.STUB_CHAT_ANSWER + "\n")
			.contains("2. Structured: Book[title=Sketch of the Analytical Engine, author=Ada Lovelace, year=1843]\n")
			.contains("3. Streamed: " + SpringAiChatApplication.STUB_CHAT_ANSWER + "\n")
			.containsPattern("4\\. With a tool: " + SpringAiChatApplication.STUB_TOOL_ANSWER.replace(".", "\\.")
					+ " \\(looked up: \\[stub\\]; \\d+ tokens, \\d+ of 10 requests left\\)\n")
			.contains("5. Native structured output: Book[title=stub, author=stub, year=0]\n");
		assertThat(output.getErr()).doesNotContain("Bytez call failed");
	}

}
