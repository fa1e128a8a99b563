package io.github.bytezspring.samples.quickstart;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuickstartApplication}, run as {@code main} runs it but with a given
 * environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickstartApplicationTests {

	// the stub's canned texts begin with a space and go on after a line break (with
	// characters that the
	// console's encoding may not show, so the lines are compared up to the break)
	private static final String STREAMED_TEXT = " Once upon a time there was a beautiful home where a woman, who, "
			+ "after a long journey, had been able to return to her family...";

	@Test
	void withoutAnApiKeyRunsAgainstTheEmbeddedStub(CapturedOutput output) {
		int exitCode = QuickstartApplication.run("--bytez.api-key=", "--BYTEZ_API_KEY=");
		assertThat(exitCode).isZero();
		assertThat(output.getOut())
			.containsPattern("INFO .* BYTEZ_API_KEY is not set: using the embedded Bytez stub at "
					+ "http://127\\.0\\.0\\.1:\\d+ \\(no network, canned answers\\)\\. "
					+ "Set BYTEZ_API_KEY to call the real API\\.")
			.contains("1. Tasks: 34 available, e.g. audio-classification, audio-text-to-text, "
					+ "automatic-speech-recognition, chat, depth-estimation, ...\n")
			.contains("2. Chat with Qwen/Qwen3-4B:  Aaaaaaaargh matey\n")
			.contains("3. Streaming openai-community/gpt2: " + STREAMED_TEXT + "\n")
			.contains("4. Image classification with google/vit-base-patch16-224 of " + QuickstartRunner.IMAGE_URL)
			.containsPattern("beagle\\s+0\\.540\n")
			.containsPattern("Egyptian cat\\s+0\\.127\n");
		assertThat(output.getErr()).doesNotContain("Bytez call failed");
	}

	@Test
	void aBlankApiKeyCountsAsNone(CapturedOutput output) {
		assertThat(QuickstartApplication.run("--bytez.api-key=", "--BYTEZ_API_KEY=  ")).isZero();
		assertThat(output.getOut()).contains("using the embedded Bytez stub");
	}

	@Test
	void withAnApiKeyCallsTheConfiguredApiAndExitsNonZeroWhenACallFails(CapturedOutput output) {
		try (BytezStubServer api = BytezStubServer.start()) {
			api.wireMock()
				.stubFor(WireMock.get(WireMock.urlPathEqualTo("/models/v2/list/tasks"))
					.willReturn(WireMock.okJson("{\"error\":\"Service temporarily unavailable\",\"output\":null}")));
			int exitCode = QuickstartApplication.run("--bytez.base-url=" + api.baseUrl(), "--bytez.api-key=real-key");
			assertThat(exitCode).isEqualTo(1);
			assertThat(output.getOut()).doesNotContain("embedded Bytez stub").doesNotContain("2. Chat");
			assertThat(output.getErr()).contains("Bytez call failed: ").contains("Service temporarily unavailable");
			assertThat(api.requests()).singleElement()
				.satisfies((request) -> assertThat(request.header("Authorization")).isEqualTo("real-key"));
		}
	}

	@Test
	void theChatFallsBackAlongTheChainOfApplicationYmlWhenItsModelCannotAnswer(CapturedOutput output) {
		try (BytezStubServer api = BytezStubServer.start()) {
			api.task(QuickstartRunner.CHAT_FALLBACK_MODEL, "chat");
			api.script(QuickstartRunner.CHAT_MODEL).nextCall().error(402, "Out of credits");
			int exitCode = QuickstartApplication.run("--bytez.base-url=" + api.baseUrl(), "--bytez.api-key=real-key");
			assertThat(exitCode).isZero();
			assertThat(output.getOut()).contains("2. Chat with Qwen/Qwen3-4B (answered by Qwen/Qwen2.5-3B-Instruct): ");
			assertThat(output.toString()).contains("Bytez run of 'Qwen/Qwen3-4B' failed (HTTP 402); falling back to "
					+ "'Qwen/Qwen2.5-3B-Instruct' (model 2 of 3)");
			assertThat(api.requests(QuickstartRunner.CHAT_MODEL)).hasSize(1);
			assertThat(api.requests(QuickstartRunner.CHAT_FALLBACK_MODEL)).hasSize(1);
			assertThat(api.requests("openai/gpt-4o-mini")).isEmpty();
		}
	}

}
