package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gen_ai.client.token.usage} meter reads usage through the one shared parser:
 * every shape Bytez returns, and values it cannot read are left out without failing the
 * call.
 */
class BytezTokenUsageMeterTests {

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final BytezTemplate template = BytezTemplate.builder()
		.apiKey("k")
		.baseUrl(bytez.baseUrl())
		.meterRegistry(this.meters)
		.build();

	@Test
	void googlesUsageMetadataOfAClosedModelIsCounted() {
		bytez.stubFor(post("/models/v2/google/gemini-2.5-flash").willReturn(
				okJson("""
						{"error":null,"output":"hi",
						 "provider":{"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":10}}}""")));

		this.template.run("google/gemini-2.5-flash", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(tokens("input")).isEqualTo(4);
		assertThat(tokens("output")).isEqualTo(6);
	}

	@Test
	void unreadableCountsAreLeftOutAndTheCallSucceeds() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o-mini").willReturn(
				okJson("""
						{"error":null,"output":"hi",
						 "provider":{"usage":{"prompt_tokens":1.7976931348623157e309,"completion_tokens":-3,"total_tokens":"9"}}}""")));

		BytezResponse response = this.template.run("openai/gpt-4o-mini", BytezInput.text("x"))
			.block(Duration.ofSeconds(5));

		assertThat(response.outputText()).isEqualTo("hi");
		assertThat(this.meters.find("gen_ai.client.token.usage").counters()).isEmpty();
	}

	private double tokens(String type) {
		return this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", type).counter().count();
	}

}
