package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.concurrency.RedisServer;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bytez.budget.*}: the spend guard configured from properties, its message naming
 * the property, its state in {@code /actuator/bytez}, and one spend shared by two
 * applications through a real Redis.
 */
class BytezBudgetAutoConfigurationTests {

	private static final String RUN = "/models/v2/org/model";

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=budget-secret-key", "bytez.base-url=" + bytez.baseUrl(),
				"bytez.budget.max-cost=0.001", "bytez.budget.period=1d");

	/** Each run costs 2.5 s x $0.0004/s = $0.001: one run spends the whole budget. */
	private static void pricedRuns() {
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo("org/model"))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"org/model\",\"task\":\"chat\","
					+ "\"meter\":\"gpu-a10g\",\"meterPrice\":\"0.0004 / sec\"}]}")));
		bytez.stubFor(
				post(RUN).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "2.5")));
	}

	@Test
	void theSpentBudgetStopsCallsNamingThePropertyAndShowsInTheEndpoint() {
		pricedRuns();
		this.contextRunner.run((context) -> {
			BytezTemplate template = context.getBean(BytezTemplate.class);
			template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(5)).until(() -> template.budgetStatus().orElseThrow().exceeded());

			StepVerifier.create(template.run("org/model", BytezInput.text("x")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezBudgetExceededException.class)
					.hasMessageContaining("bytez.budget.max-cost (0.001 US dollars per PT24H, bytez.budget.period)"))
				.verify(Duration.ofSeconds(5));
			bytez.verify(1, postRequestedFor(urlPathEqualTo(RUN)));

			@SuppressWarnings("unchecked")
			Map<String, Object> budget = (Map<String, Object>) context.getBean(BytezEndpoint.class)
				.status()
				.get("budget");
			assertThat(budget).containsEntry("exceeded", true)
				.containsEntry("period", "PT24H")
				.containsEntry("store", "local")
				.containsEntry("remainingUsd", 0.0);
			assertThat(budget.get("maxCostUsd").toString()).isEqualTo("0.001");
		});
	}

	@Test
	void withRedisTheSharedBudgetsHealthContributorShowsTheWarmUpToo() {
		this.contextRunner
			.withPropertyValues("bytez.max-concurrent-requests=4", "bytez.concurrency.store=redis",
					"bytez.concurrency.timeout=1s", "bytez.concurrency.redis.url=" + redis.url(),
					"bytez.warm-up.models=org/model")
			.run((context) -> {
				Health health = context.getBean("bytezHealthIndicator", HealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("store", "redis")
					.containsEntry("warmUp", Map.of("org/model", Map.of("state", "pending")));
			});
	}

	@Test
	void withoutAMaximumCostTheEndpointShowsNoBudget() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
							WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
			.withPropertyValues("bytez.api-key=k")
			.run((context) -> {
				assertThat(context.getBean(BytezTemplate.class).budgetStatus()).isEmpty();
				assertThat(context.getBean(BytezEndpoint.class).status()).doesNotContainKey("budget");
			});
	}

	@Test
	void twoApplicationsOnTheSameRedisShareOneSpend() {
		pricedRuns();
		ApplicationContextRunner shared = this.contextRunner.withPropertyValues("bytez.max-concurrent-requests=4",
				"bytez.concurrency.store=redis", "bytez.concurrency.timeout=1s",
				"bytez.concurrency.redis.url=" + redis.url(),
				"bytez.concurrency.name=budget-test-" + System.nanoTime());
		shared.run((first) -> shared.run((second) -> {
			BytezTemplate spender = first.getBean(BytezTemplate.class);
			spender.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
			await().atMost(Duration.ofSeconds(5)).until(() -> spender.budgetStatus().orElseThrow().exceeded());

			StepVerifier.create(second.getBean(BytezOperations.class).run("org/model", BytezInput.text("x")))
				.expectError(BytezBudgetExceededException.class)
				.verify(Duration.ofSeconds(5));
			bytez.verify(1, postRequestedFor(urlPathEqualTo(RUN)));
			assertThat(second.getBean(BytezTemplate.class).budgetStatus().orElseThrow().store())
				.contains("bytez:budget:budget-test-")
				.doesNotContain("budget-secret-key");
		}));
	}

}
