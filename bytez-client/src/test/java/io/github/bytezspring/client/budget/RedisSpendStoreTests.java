package io.github.bytezspring.client.budget;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.concurrency.RedisServer;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.error.BytezSpendStoreException;
import io.github.bytezspring.client.model.BytezInput;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class RedisSpendStoreTests {

	private static final String RUN = "/models/v2/org/model";

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final String name = "bytez:budget:test-" + UUID.randomUUID();

	private BytezTemplate template(RedissonClient client, SimpleMeterRegistry meters) {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.meterRegistry(meters)
			.budgetMaxCost(new BigDecimal("0.001"))
			.budgetPeriod(Duration.ofDays(1))
			.spendStore(new RedisSpendStore(client, this.name, Duration.ofMillis(500)))
			.build();
	}

	/** Each run costs 2.5 s x $0.0004/s = $0.001. */
	private static void pricedRuns() {
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo("org/model"))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"org/model\",\"task\":\"chat\","
					+ "\"meter\":\"gpu-a10g\",\"meterPrice\":\"0.0004 / sec\"}]}")));
		bytez.stubFor(
				post(RUN).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "2.5")));
	}

	@Test
	void twoTemplatesOnTwoConnectionsShareOneSpend() {
		pricedRuns();
		BytezTemplate first = template(redis.newClient(), new SimpleMeterRegistry());
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		BytezTemplate second = template(redis.newClient(), secondMeters);

		first.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> first.budgetStatus().orElseThrow().exceeded());

		StepVerifier.create(second.run("org/model", BytezInput.text("x")))
			.expectError(BytezBudgetExceededException.class)
			.verify(Duration.ofSeconds(5));
		bytez.verify(1, postRequestedFor(urlPathEqualTo(RUN)));
		// the second saw the shared spend when it asked the store
		assertThat(secondMeters.get("bytez.client.budget.remaining").gauge().value()).isCloseTo(0, within(1e-12));
		assertThat(second.budgetStatus().orElseThrow().store()).contains(this.name);
	}

	@Test
	void aPeriodsSpendExpiresInRedisAPeriodAfterItsEnd() throws Exception {
		RedissonClient client = redis.newClient();
		RedisSpendStore store = new RedisSpendStore(client, this.name, Duration.ofSeconds(1));
		// a period that has not ended yet: an expiry in the past would delete the sum at
		// once
		Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

		assertThat(store.add(start, start.plusSeconds(60), 0.25).toCompletableFuture().get(2, TimeUnit.SECONDS))
			.isEqualTo(0.25);
		assertThat(store.add(start, start.plusSeconds(60), 0.5).toCompletableFuture().get(2, TimeUnit.SECONDS))
			.isEqualTo(0.75);
		assertThat(store.spent(start).toCompletableFuture().get(2, TimeUnit.SECONDS)).isEqualTo(0.75);
		assertThat(store.spent(start.plusSeconds(60)).toCompletableFuture().get(2, TimeUnit.SECONDS)).isZero();
		long expiresAt = client.getAtomicDouble(this.name + ":" + start.toEpochMilli()).getExpireTime();
		assertThat(expiresAt).isEqualTo(start.plusSeconds(120).toEpochMilli());
	}

	@Test
	void withRedisDownCallsFailTypedInBoundedTimeWithoutARequest() throws IOException {
		pricedRuns();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		BytezTemplate template = template(redis.newClient(), meters);
		redis.stop();
		try {
			long started = System.nanoTime();
			StepVerifier.create(template.run("org/model", BytezInput.text("x")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezSpendStoreException.class)
					.hasMessageContaining("budgetMaxCost")
					.hasMessageContaining(this.name))
				.verify(Duration.ofSeconds(10));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			bytez.verify(0, postRequestedFor(urlPathEqualTo(RUN)));
			assertThat(meters.get("bytez.client.budget.store.failures").counter().count()).isEqualTo(1);
		}
		finally {
			redis.start();
		}
	}

}
