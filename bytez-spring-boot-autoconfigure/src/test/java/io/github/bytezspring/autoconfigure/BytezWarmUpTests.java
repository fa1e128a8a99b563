package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.error.BytezServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bytez.warm-up.models}: each model is called once when the application is ready,
 * in the background; startup never waits, and the states show in {@code /actuator/bytez}
 * and the health details.
 */
class BytezWarmUpTests {

	private static final int COLD_START_MILLIS = 4000;

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private static void listed(String model, String task) {
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo(model))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"" + model + "\",\"task\":\"" + task
					+ "\",\"meter\":\"gpu-a10g\",\"meterPrice\":\"0.0004 / sec\"}]}")));
	}

	private static ConfigurableApplicationContext start(String... properties) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = new String[properties.length + 3];
		args[0] = "--bytez.api-key=warm-up-key";
		args[1] = "--bytez.base-url=" + bytez.baseUrl();
		args[2] = "--bytez.retry.enabled=false";
		System.arraycopy(properties, 0, args, 3, properties.length);
		return application.run(args);
	}

	@Test
	void startupDoesNotWaitForAColdModelAndTheStatesShowInTheEndpointAndHealth() {
		listed("org/cold", "chat");
		listed("org/broken", "text-generation");
		bytez.stubFor(post("/models/v2/org/cold")
			.willReturn(okJson("{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Hi\"}}")
				.withFixedDelay(COLD_START_MILLIS)));
		bytez.stubFor(post("/models/v2/org/broken")
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\",\"output\":null}")));
		try (ConfigurableApplicationContext context = start("--bytez.warm-up.models=org/cold,org/broken")) {
			BytezWarmUp warmUp = context.getBean(BytezWarmUp.class);
			// run(..) has returned, the application is running, and the cold model's
			// warm-up call is unanswered
			assertThat(warmUp.state("org/cold")).isEqualTo(BytezWarmUp.State.WARMING);
			BytezEndpoint endpoint = context.getBean(BytezEndpoint.class);
			assertThat(warmUp(endpoint).get("org/cold")).containsEntry("state", "warming");

			await().atMost(Duration.ofSeconds(20))
				.until(() -> warmUp.state("org/cold") == BytezWarmUp.State.WARM
						&& warmUp.state("org/broken") == BytezWarmUp.State.FAILED);

			Map<String, Object> cold = warmUp(endpoint).get("org/cold");
			assertThat(cold).containsEntry("state", "warm");
			assertThat((Long) cold.get("tookMillis")).isGreaterThanOrEqualTo(COLD_START_MILLIS);
			Map<String, Object> broken = warmUp(endpoint).get("org/broken");
			assertThat(broken).containsEntry("state", "failed")
				.containsEntry("failure", BytezServerException.class.getName());
			assertThat(broken.get("message").toString()).doesNotContain("warm-up-key");

			Health health = context.getBean("bytezHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("warmUp")).isEqualTo(warmUp.describe());
		}
		// the cheapest call of each task: one chat message asking for one token, one text
		bytez.verify(1,
				postRequestedFor(urlPathEqualTo("/models/v2/org/cold")).withRequestBody(equalToJson(
						"{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"params\":{\"max_new_tokens\":1}}",
						true, true)));
		bytez.verify(1, postRequestedFor(urlPathEqualTo("/models/v2/org/broken"))
			.withRequestBody(equalToJson("{\"text\":\"Hi\",\"params\":{\"max_new_tokens\":1}}", true, true)));
	}

	@Test
	void aWarmUpLongerThanItsTimeoutFailsTheModel() {
		listed("org/frozen", "summarization");
		bytez.stubFor(post("/models/v2/org/frozen")
			.willReturn(okJson("{\"error\":null,\"output\":\"x\"}").withFixedDelay(5000)));
		try (ConfigurableApplicationContext context = start("--bytez.warm-up.models=org/frozen",
				"--bytez.warm-up.timeout=500ms")) {
			BytezWarmUp warmUp = context.getBean(BytezWarmUp.class);
			await().atMost(Duration.ofSeconds(4)).until(() -> warmUp.state("org/frozen") == BytezWarmUp.State.FAILED);
			assertThat(warmUp(context.getBean(BytezEndpoint.class)).get("org/frozen").get("message").toString())
				.contains("bytez.warm-up.timeout (PT0.5S)");
		}
	}

	@Test
	void withoutModelsThereIsNoWarmUpNorItsHealthContributor() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
							WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
			.withPropertyValues("bytez.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(BytezWarmUp.class)
				.doesNotHaveBean("bytezHealthIndicator"));
	}

	@Test
	void theStatesArePendingUntilTheApplicationIsReady() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
							WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.warm-up.models[0]=org/later")
			.run((context) -> {
				assertThat(context.getBean(BytezWarmUp.class).state("org/later")).isEqualTo(BytezWarmUp.State.PENDING);
				bytez.verify(0, postRequestedFor(urlPathEqualTo("/models/v2/org/later")));
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> warmUp(BytezEndpoint endpoint) {
		return (Map<String, Map<String, Object>>) endpoint.status().get("warmUp");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class TestApplication {

	}

}
