package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The price catalogue behind the cost estimate is the client's own component: its
 * look-ups of the model list are requests of its own, which neither observe nor meter
 * anything, however the template is instrumented, and are cached.
 */
class BytezPriceCatalogueTests {

	private static final String LIST = "/models/v2/list/models";

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey("the-key")
			.baseUrl(bytez.baseUrl())
			.observationRegistry(this.observations)
			.meterRegistry(this.meters)
			// as Boot's WebClient.Builder does: every exchange of the builder's clients
			// is observed
			.webClientBuilder(WebClient.builder().observationRegistry(this.observations))
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	private static void priced(String modelId, String meterPrice) {
		bytez.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo(modelId))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"other/model\",\"meterPrice\":\"9 / sec\"},"
					+ "{\"modelId\":\"" + modelId + "\",\"task\":\"chat\",\"meter\":\"gpu-a10g\",\"meterPrice\":\""
					+ meterPrice + "\"}]}")));
	}

	private static BytezCallMetadata ran(Duration inferenceTime) {
		return BytezCallMetadata.of(10, 9, null, inferenceTime, "gpu-a10g");
	}

	@Test
	void aPriceLookUpRecordsNoMeterAndNoObservationAndIsCached() {
		priced("org/model", "0.0004 / sec");
		BytezTemplate template = template();
		List<String> metersBefore = ids(this.meters.getMeters());

		Double first = template.estimateCost("org/model", ran(Duration.ofSeconds(2))).block(Duration.ofSeconds(5));
		Double second = template.estimateCost("org/model", ran(Duration.ofSeconds(3))).block(Duration.ofSeconds(5));

		assertThat(first).isCloseTo(2 * 0.0004, within(1e-12));
		assertThat(second).isCloseTo(3 * 0.0004, within(1e-12));
		assertThat(ids(this.meters.getMeters())).as("the meters after two look-ups").isEqualTo(metersBefore);
		TestObservationRegistryAssert.assertThat(this.observations).doesNotHaveAnyObservation();
		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withQueryParam("modelId", equalTo("org/model"))
			.withHeader("Authorization", equalTo("the-key")));
	}

	@Test
	void theCostMeterOfACallLooksThePriceUpOnceWithoutObservingOrMeteringTheLookUp() {
		priced("org/model", "0.0004 / sec");
		bytez.stubFor(post("/models/v2/org/model")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "1.25")
				.withHeader("inference-meter", "gpu-a10g")));
		BytezTemplate template = template();

		for (int i = 0; i < 3; i++) {
			template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		}

		awaitCost(3 * 1.25 * 0.0004);
		assertThat(this.meters.get("bytez.client.cost").tag("bytez.meter", "gpu-a10g").counter().count())
			.isCloseTo(3 * 1.25 * 0.0004, within(1e-12));
		assertThat(this.meters.getMeters()).as("no meter of a call the user did not make")
			.noneMatch((meter) -> "list-models".equals(meter.getId().getTag("bytez.operation")))
			.noneMatch((meter) -> meter.getId().getName().equals("bytez.client.inference")
					&& "none".equals(meter.getId().getTag("bytez.model")));
		// three calls, each one exchange: the look-up made no http.client.requests
		// observation
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsWithNameEqualTo("bytez.client.requests", 3)
			.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 3);
		bytez.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
		assertThat(template.status().estimatedCost()).isCloseTo(3 * 1.25 * 0.0004, within(1e-12));
	}

	private void awaitCost(double dollars) {
		// the cost is counted when the price arrives, after the call
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.meters.find("bytez.client.cost").counter() != null
					&& Math.abs(this.meters.find("bytez.client.cost").counter().count() - dollars) < 1e-12);
	}

	private static List<String> ids(List<Meter> meters) {
		return meters.stream().map((meter) -> meter.getId().toString()).sorted().toList();
	}

}
