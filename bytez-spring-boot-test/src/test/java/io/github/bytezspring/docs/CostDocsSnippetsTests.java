package io.github.bytezspring.docs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Java snippets of {@code docs/cost-and-rate-limits.md} and the 402 part of
 * {@code docs/errors.md}, run against the strict stub as the pages' readers would; keep
 * each method's calls the same as its snippet's.
 */
@SpringBootTest
@AutoConfigureBytezStub
class CostDocsSnippetsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	BytezTemplate bytez;

	@Autowired
	BytezStubServer stub;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Log log = new Log();

	@BeforeEach
	void metered() {
		this.stub.metering().limit(10).inferenceTime(Duration.ofMillis(800)).inferenceMeter("gpu-a10g");
	}

	@Test
	void readMetadata() {
		BytezTemplate bytez = this.bytez;
		Log log = this.log;

		BytezResponse response = bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("Hello"))).block();
		BytezCallMetadata metadata = response.metadata();
		metadata.inferenceTime().ifPresent((time) -> log.info("ran for " + time.toMillis() + " ms"));
		metadata.remaining().ifPresent((left) -> log.info(left + " of " + metadata.limit().orElse(-1) + " calls left"));

		assertThat(this.lines).as("the call itself holds one of the ten")
			.containsExactly("ran for 800 ms", "9 of 10 calls left");
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().has("messages")).isTrue();
	}

	@Test
	void callListener() {
		Log log = this.log;

		BytezCallListener costLog = (event) -> event.metadata()
			.inferenceTime()
			.ifPresent((time) -> log.info(event.modelId() + " ran " + time.toMillis() + " ms on "
					+ event.metadata().inferenceMeter().orElse("an unknown meter")));
		BytezTemplate bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.callListener(costLog)
			.build();

		bytez.stream("openai-community/gpt2", BytezInput.text("Hello")).blockLast(TIMEOUT);
		assertThat(this.lines).containsExactly("openai-community/gpt2 ran 800 ms on gpu-a10g");
	}

	@Test
	void autoScalePerCall() {
		BytezTemplate bytez = this.bytez;

		Mono<BytezResponse> answer = bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("Hello")),
				BytezOptions.builder().autoScale(true).build());

		assertThat(answer.block(TIMEOUT).outputText()).isEqualTo(this.stub.exampleText("chat"));
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().get("autoScale").booleanValue()).isTrue();
	}

	@Test
	void outOfCredits() {
		this.stub.script("Qwen/Qwen3-4B").nextCall().error(402, "Insufficient credits.");
		BytezTemplate bytez = this.bytez;
		BytezInput input = BytezInput.messages(BytezMessage.user("Hello"));

		Mono<String> reply = bytez.run("Qwen/Qwen3-4B", input)
			.map(BytezResponse::outputText)
			.onErrorResume(BytezPaymentRequiredException.class,
					(e) -> Mono.just("The assistant is paused: the Bytez account needs credits"));

		assertThat(reply.block(TIMEOUT)).isEqualTo("The assistant is paused: the Bytez account needs credits");
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).hasSize(1);
	}

	/**
	 * The pages' {@code log}: what it is given is what the tests assert.
	 */
	private final class Log {

		void info(String line) {
			CostDocsSnippetsTests.this.lines.add(line);
		}

	}

}
