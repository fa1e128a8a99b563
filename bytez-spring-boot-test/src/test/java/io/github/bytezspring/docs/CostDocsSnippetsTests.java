package io.github.bytezspring.docs;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.observation.BytezCallListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the Java snippets of {@code docs/cost-and-rate-limits.md} and the 402 part of
 * {@code docs/errors.md}; keep each method's calls the same as its snippet's.
 */
class CostDocsSnippetsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension stub = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private BytezTemplate bytez() {
		return BytezTemplate.builder().apiKey("k").baseUrl(stub.baseUrl()).build();
	}

	private static void metered() {
		stub.stubFor(post("/models/v2/Qwen/Qwen3-4B").willReturn(okJson("{\"error\":null,\"output\":\"Hi\"}")
			.withHeader("ratelimit-limit", "10")
			.withHeader("ratelimit-remaining", "9")
			.withHeader("inference-time", "0.8")
			.withHeader("inference-meter", "gpu-a10g")));
	}

	private void log(String line) {
		this.lines.add(line);
	}

	@Test
	void readMetadata() {
		metered();
		BytezTemplate bytez = bytez();

		BytezResponse response = bytez.run("Qwen/Qwen3-4B", BytezInput.text("Hello")).block(TIMEOUT);
		BytezCallMetadata metadata = response.metadata();
		metadata.inferenceTime().ifPresent((time) -> log("ran for " + time.toMillis() + " ms"));
		metadata.remaining().ifPresent((left) -> log(left + " of " + metadata.limit().orElse(-1) + " calls left"));

		assertThat(this.lines).containsExactly("ran for 800 ms", "9 of 10 calls left");
	}

	@Test
	void callListener() {
		metered();

		BytezCallListener costLog = (event) -> event.metadata()
			.inferenceTime()
			.ifPresent((time) -> log(event.modelId() + " ran " + time.toMillis() + " ms on "
					+ event.metadata().inferenceMeter().orElse("an unknown meter")));
		BytezTemplate bytez = BytezTemplate.builder().apiKey("k").baseUrl(stub.baseUrl()).callListener(costLog).build();

		bytez.stream("Qwen/Qwen3-4B", BytezInput.text("Hello")).blockLast(TIMEOUT);
		assertThat(this.lines).containsExactly("Qwen/Qwen3-4B ran 800 ms on gpu-a10g");
	}

	@Test
	void autoScalePerCall() {
		metered();
		BytezTemplate bytez = bytez();

		Mono<BytezResponse> answer = bytez.run("Qwen/Qwen3-4B", BytezInput.text("Hello"),
				BytezOptions.builder().autoScale(true).build());

		assertThat(answer.block(TIMEOUT).outputText()).isEqualTo("Hi");
		stub.verify(postRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B"))
			.withRequestBody(equalToJson("{\"text\":\"Hello\",\"autoScale\":true}")));
	}

	@Test
	void outOfCredits() {
		stub.stubFor(post("/models/v2/Qwen/Qwen3-4B").willReturn(aResponse().withStatus(402)
			.withBody("{\"status\":402,\"error\":\"Payment Required\",\"message\":\"Insufficient credits.\"}")));
		BytezTemplate bytez = bytez();
		BytezInput input = BytezInput.text("Hello");

		Mono<String> reply = bytez.run("Qwen/Qwen3-4B", input)
			.map(BytezResponse::outputText)
			.onErrorResume(BytezPaymentRequiredException.class,
					(e) -> Mono.just("The assistant is paused: the Bytez account needs credits"));

		assertThat(reply.block(TIMEOUT)).isEqualTo("The assistant is paused: the Bytez account needs credits");
		stub.verify(1, postRequestedFor(urlEqualTo("/models/v2/Qwen/Qwen3-4B")));
	}

}
