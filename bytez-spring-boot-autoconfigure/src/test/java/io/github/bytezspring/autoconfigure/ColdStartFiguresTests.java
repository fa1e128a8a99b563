package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The figures of docs/failover.md's "Cold starts": a model whose first call takes
 * {@value #COLD_MILLIS} ms (standing for the minutes a real cold start takes) and whose
 * later calls are quick, called the ways that page compares; each figure is asserted
 * within bounds, and the measured values are printed for the page.
 */
class ColdStartFiguresTests {

	private static final int COLD_MILLIS = 3000;

	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(1000);

	private static final Map<String, Long> figures = new LinkedHashMap<>();

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	@BeforeEach
	void coldThenWarm() {
		bytez.stubFor(post("/models/v2/org/cold").inScenario("cold")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson("{\"error\":null,\"output\":\"slow\"}").withFixedDelay(COLD_MILLIS))
			.willSetStateTo("warm"));
		bytez.stubFor(post("/models/v2/org/cold").inScenario("cold")
			.whenScenarioStateIs("warm")
			.willReturn(okJson("{\"error\":null,\"output\":\"quick\"}")));
		bytez.stubFor(post("/models/v2/org/warm").willReturn(okJson("{\"error\":null,\"output\":\"other\"}")));
	}

	@AfterAll
	static void print() {
		System.out
			.println("Cold start figures (first call " + COLD_MILLIS + " ms, per-call timeout " + SHORT_TIMEOUT + "):");
		figures.forEach((what, millis) -> System.out.println("| " + what + " | " + millis + " ms |"));
	}

	private static BytezTemplate template() {
		return BytezTemplate.builder().apiKey("k").baseUrl(bytez.baseUrl()).build();
	}

	private static long millis(Runnable call) {
		long started = System.nanoTime();
		call.run();
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	@Test
	void theDefaultTimeoutWaitsForTheColdStart() {
		BytezTemplate template = template();
		long first = millis(() -> template.run("org/cold", BytezInput.text("x")).block());
		long second = millis(() -> template.run("org/cold", BytezInput.text("x")).block());
		figures.put("default timeout, no warm-up: first call", first);
		figures.put("default timeout, no warm-up: second call", second);
		assertThat(first).isGreaterThanOrEqualTo(COLD_MILLIS);
		assertThat(second).isLessThan(COLD_MILLIS);
	}

	@Test
	void aShortTimeoutFailsFastAndAHandOverAnswersFromAnotherModel() {
		BytezTemplate template = template();
		BytezOptions shortTimeout = BytezOptions.builder().timeout(SHORT_TIMEOUT).build();
		long failed = millis(() -> assertThatExceptionOfType(BytezTimeoutException.class)
			.isThrownBy(() -> template.run("org/cold", BytezInput.text("x"), shortTimeout).block()));
		figures.put("1s timeout, no warm-up: first call fails (BytezTimeoutException)", failed);
		assertThat(failed).isGreaterThanOrEqualTo(SHORT_TIMEOUT.toMillis()).isLessThan(COLD_MILLIS);

		// cold again; a fallback chain: the cold model's turn ends at the timeout, the
		// warm model answers
		bytez.resetScenarios();
		BytezOptions shortTimeoutWithChain = BytezOptions.builder()
			.timeout(SHORT_TIMEOUT)
			.fallbackModels("org/warm")
			.build();
		BytezResponse[] answer = new BytezResponse[1];
		long handedOver = millis(
				() -> answer[0] = template.run("org/cold", BytezInput.text("x"), shortTimeoutWithChain).block());
		figures.put("1s timeout, no warm-up: first call falls back to a warm model (fallbackModels)", handedOver);
		assertThat(answer[0].outputText()).isEqualTo("other");
		assertThat(answer[0].model()).isEqualTo("org/warm");
		assertThat(handedOver).isGreaterThanOrEqualTo(SHORT_TIMEOUT.toMillis()).isLessThan(COLD_MILLIS);
	}

	@Test
	void aWarmUpAtStartupMakesTheFirstCallQuickWithoutDelayingStartup() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		long[] startup = new long[1];
		ConfigurableApplicationContext[] started = new ConfigurableApplicationContext[1];
		startup[0] = millis(() -> started[0] = application.run("--bytez.api-key=k",
				"--bytez.base-url=" + bytez.baseUrl(), "--bytez.warm-up.models=org/cold"));
		try (ConfigurableApplicationContext context = started[0]) {
			BytezWarmUp warmUp = context.getBean(BytezWarmUp.class);
			assertThat(warmUp.state("org/cold")).isEqualTo(BytezWarmUp.State.WARMING);
			await().atMost(Duration.ofSeconds(15)).until(() -> warmUp.state("org/cold") == BytezWarmUp.State.WARM);
			BytezOperations operations = context.getBean(BytezOperations.class);
			BytezOptions shortTimeout = BytezOptions.builder().timeout(SHORT_TIMEOUT).build();
			long first = millis(() -> operations.run("org/cold", BytezInput.text("x"), shortTimeout).block());
			figures.put("warm-up at startup: startup (run() returned, warm-up still running)", startup[0]);
			figures.put("warm-up at startup: the warm-up call (tookMillis)",
					(Long) ((Map<?, ?>) warmUp.describe().get("org/cold")).get("tookMillis"));
			figures.put("warm-up at startup, 1s timeout: first call after the warm-up", first);
			assertThat(first).isLessThan(SHORT_TIMEOUT.toMillis());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class TestApplication {

	}

}
