package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BytezCostEstimateTests {

	private static final String LIST = "/models/v2/list/models";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	private static void priced(String modelId, String meterPrice) {
		bytez.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo(modelId))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"" + modelId + "\",\"task\":\"chat\","
					+ "\"meter\":\"gpu-a10g\",\"meterPrice\":\"" + meterPrice + "\"}]}")));
	}

	private static BytezCallMetadata ran(Duration inferenceTime) {
		return BytezCallMetadata.of(10, 9, null, inferenceTime, "gpu-a10g");
	}

	@Test
	void theCostIsTheInferenceTimeTimesTheListedPriceLookedUpOnceWithTheCostMeter() {
		priced("org/model", "0.0004 / sec");
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "1.25")
				.withHeader("inference-meter", "gpu-a10g")));
		BytezTemplate template = template();

		BytezResponse response = template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		assertThat(response).isNotNull();
		assertThat(template.estimateCost("org/model", ran(Duration.ofMillis(1250))).block(Duration.ofSeconds(5)))
			.isCloseTo(1.25 * 0.0004, within(1e-12));
		assertThat(template.estimateCost("org/model", ran(Duration.ofSeconds(3))).block(Duration.ofSeconds(5)))
			.isCloseTo(3 * 0.0004, within(1e-12));

		// the cost meter's look-up after the run and the two estimates share one request
		// to the model list
		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/model")));
	}

	@Test
	void twoEstimatesWithoutACostMeterAskTheModelListOnce() {
		priced("org/hourly", "$0.36 / hr");
		BytezTemplate template = BytezTemplate.builder().apiKey("k").baseUrl(bytez.baseUrl()).build();

		StepVerifier.create(template.estimateCost("org/hourly", ran(Duration.ofSeconds(10))))
			.assertNext((dollars) -> assertThat(dollars).isCloseTo(0.001, within(1e-12)))
			.verifyComplete();
		StepVerifier.create(template.estimateCost("org/hourly", ran(Duration.ofSeconds(20))))
			.assertNext((dollars) -> assertThat(dollars).isCloseTo(0.002, within(1e-12)))
			.verifyComplete();

		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/hourly")));
	}

	@Test
	void anAnswerWithoutInferenceTimeHasNoEstimateAndAsksNothing() {
		priced("org/model", "0.0004 / sec");
		BytezTemplate template = template();

		StepVerifier.create(template.estimateCost("org/model", BytezCallMetadata.of(10, 9, null, null, "gpu-a10g")))
			.verifyComplete();
		StepVerifier.create(template.estimateCost("org/model", BytezCallMetadata.empty())).verifyComplete();

		bytez.verify(0, getRequestedFor(urlPathEqualTo(LIST)));
	}

	@Test
	void anUnknownModelAFailingListOrABadModelIdHaveNoEstimateAndNeverFail() {
		bytez.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/unknown"))
			.willReturn(okJson("{\"error\":null,\"output\":[]}")));
		bytez.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/broken"))
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
		priced("org/free", "free");
		BytezTemplate template = template();

		StepVerifier.create(template.estimateCost("org/unknown", ran(Duration.ofSeconds(1)))).verifyComplete();
		StepVerifier.create(template.estimateCost("org/broken", ran(Duration.ofSeconds(1)))).verifyComplete();
		StepVerifier.create(template.estimateCost("org/free", ran(Duration.ofSeconds(1)))).verifyComplete();
		StepVerifier.create(template.estimateCost("not a model id", ran(Duration.ofSeconds(1)))).verifyComplete();

		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/unknown")));
		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/broken")));
	}

}
