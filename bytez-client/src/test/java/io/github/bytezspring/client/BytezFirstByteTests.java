package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class BytezFirstByteTests {

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.retryPolicy(BytezRetryPolicy.builder().maxRetries(1).initialBackoff(Duration.ofMillis(1)).build())
			.build();
	}

	private Timer firstByte(String operation, String model) {
		return this.meters.get("bytez.client.first-byte")
			.tags("bytez.operation", operation, "bytez.model", model)
			.timer();
	}

	@Test
	void everyCallRecordsTheTimeToItsResponseHeadersPerModelWithADescription() {
		bytez.stubFor(post("/models/v2/org/slow")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withFixedDelay(400)));

		template().run("org/slow", BytezInput.text("x")).block(Duration.ofSeconds(5));

		Timer timer = firstByte("run", "org/slow");
		assertThat(timer.count()).isEqualTo(1);
		assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isBetween(400.0, 4000.0);
		assertThat(timer.getId().getDescription()).contains("response headers");
	}

	@Test
	void aStreamsFirstByteIsItsHeadersNotItsFirstChunk() {
		bytez.stubFor(post("/models/v2/org/streamer")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8")
				.withBody("a long answer")
				.withChunkedDribbleDelay(2, 600)));

		template().stream("org/streamer", BytezInput.text("x")).collectList().block(Duration.ofSeconds(5));

		double headers = firstByte("stream", "org/streamer").totalTime(TimeUnit.MILLISECONDS);
		double firstChunk = this.meters.get("bytez.client.stream.first-chunk").timer().totalTime(TimeUnit.MILLISECONDS);
		assertThat(headers).isLessThan(firstChunk);
	}

	@Test
	void eachAttemptOfARetriedCallIsTimed() {
		bytez.stubFor(post("/models/v2/org/flaky").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\",\"output\":null}"))
			.willSetStateTo("up"));
		bytez.stubFor(post("/models/v2/org/flaky").inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));

		template().run("org/flaky", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(firstByte("run", "org/flaky").count()).isEqualTo(2);
	}

	@Test
	void theModelTagIsCappedLikeEveryOtherMeter() {
		this.meters.config().meterFilter(new BytezMeterFilter(1));
		bytez.stubFor(post("/models/v2/org/one").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		bytez.stubFor(post("/models/v2/org/two").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezTemplate template = template();

		template.run("org/one", BytezInput.text("x")).block(Duration.ofSeconds(5));
		template.run("org/two", BytezInput.text("x")).block(Duration.ofSeconds(5));

		assertThat(firstByte("run", "org/one").count()).isEqualTo(1);
		assertThat(firstByte("run", BytezMeterFilter.OVERFLOW_MODEL).count()).isEqualTo(1);
		assertThat(firstByte("run", "org/one").takeSnapshot().histogramCounts()).as("buckets like the call timer")
			.hasSize(BytezMeterFilter.HISTOGRAM_BUCKETS.size());
	}

}
