package io.github.bytezspring.client;

import io.github.bytezspring.client.budget.SpendStore;
import io.github.bytezspring.client.error.BytezBudgetExceededException;
import io.github.bytezspring.client.error.BytezSpendStoreException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class BytezSpendGuardTests {

	private static final String RUN = "/models/v2/org/model";

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));

	private BytezTemplateBuilder builder(String maxCost) {
		BytezTemplateBuilder builder = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.meterRegistry(this.meters)
			.budgetMaxCost(new BigDecimal(maxCost))
			.budgetPeriod(Duration.ofHours(1));
		builder.budgetClock = this.clock;
		return builder;
	}

	/** Each run costs 1.25 s x $0.0004/s = $0.0005. */
	private static void pricedRuns() {
		bytez.stubFor(get(urlPathEqualTo("/models/v2/list/models")).withQueryParam("modelId", equalTo("org/model"))
			.willReturn(okJson("{\"error\":null,\"output\":[{\"modelId\":\"org/model\",\"task\":\"chat\","
					+ "\"meter\":\"gpu-a10g\",\"meterPrice\":\"0.0004 / sec\"}]}")));
		bytez.stubFor(
				post(RUN).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}").withHeader("inference-time", "1.25")
					.withHeader("inference-meter", "gpu-a10g")));
	}

	private static BytezResponse run(BytezTemplate template) {
		return template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
	}

	private static void awaitSpent(BytezTemplate template, double dollars) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> template.budgetStatus().orElseThrow().spent() >= dollars - 1e-12);
	}

	@Test
	void onceThePeriodsSpendReachesTheMaximumCallsFailBeforeAnyRequestAndAreNotRetried() {
		pricedRuns();
		BytezTemplate template = builder("0.001").build();

		assertThat(run(template)).isNotNull();
		awaitSpent(template, 0.0005);
		assertThat(run(template)).isNotNull();
		awaitSpent(template, 0.001);

		StepVerifier.create(template.run("org/model", BytezInput.text("x")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezBudgetExceededException.class)
				.hasMessageContaining("budgetMaxCost")
				.hasMessageContaining("0.001 US dollars per PT1H")
				.hasMessageContaining("calls go again at 2026-12-07T11:00:00Z")
				.satisfies((failure) -> assertThat(((BytezBudgetExceededException) failure).getPeriodEnd())
					.isEqualTo(Instant.parse("2026-12-07T11:00:00Z"))))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(template.stream("org/model", BytezInput.text("x")))
			.expectError(BytezBudgetExceededException.class)
			.verify(Duration.ofSeconds(5));

		bytez.verify(2, postRequestedFor(urlPathEqualTo(RUN)));
		assertThat(this.meters.find("bytez.client.retries").counters()).isEmpty();
		assertThat(template.budgetStatus().orElseThrow().exceeded()).isTrue();
	}

	@Test
	void aSpentBudgetIsNeverAFallbackToAnotherModel() {
		pricedRuns();
		bytez.stubFor(post("/models/v2/org/other").willReturn(okJson("{\"error\":null,\"output\":\"other\"}")));
		BytezTemplate template = builder("0").build();

		StepVerifier
			.create(template.run("org/model", BytezInput.text("x"),
					BytezOptions.builder().fallbackModels("org/other").build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezBudgetExceededException.class)
				.satisfies((failure) -> assertThat(failure.getSuppressed()).isEmpty()))
			.verify(Duration.ofSeconds(5));

		bytez.verify(0, postRequestedFor(urlPathEqualTo(RUN)));
		bytez.verify(0, postRequestedFor(urlPathEqualTo("/models/v2/org/other")));
		assertThat(this.meters.find("bytez.client.fallbacks").counters()).isEmpty();
	}

	@Test
	void listingModelsCostsNothingAndIsNeverStopped() {
		pricedRuns();
		BytezTemplate template = builder("0").build();

		StepVerifier.create(template.findModel("org/model")).expectNextCount(1).verifyComplete();
		StepVerifier.create(template.run("org/model", BytezInput.text("x")))
			.expectError(BytezBudgetExceededException.class)
			.verify(Duration.ofSeconds(5));
		bytez.verify(0, postRequestedFor(urlPathEqualTo(RUN)));
	}

	@Test
	void theSpendStartsAgainWhenTheNextPeriodStarts() {
		pricedRuns();
		BytezTemplate template = builder("0.0005").build();
		assertThat(run(template)).isNotNull();
		awaitSpent(template, 0.0005);
		StepVerifier.create(template.run("org/model", BytezInput.text("x")))
			.expectError(BytezBudgetExceededException.class)
			.verify(Duration.ofSeconds(5));

		this.clock.set(Instant.parse("2026-12-07T11:00:00Z"));

		assertThat(template.budgetStatus().orElseThrow().spent()).isZero();
		assertThat(run(template)).isNotNull();
		bytez.verify(2, postRequestedFor(urlPathEqualTo(RUN)));
	}

	@Test
	void theGaugesShowTheSpentAndTheRemainingWithDescriptions() {
		pricedRuns();
		BytezTemplate template = builder("0.002").build();
		assertThat(run(template)).isNotNull();
		awaitSpent(template, 0.0005);

		assertThat(this.meters.get("bytez.client.budget.spent").gauge().value()).isCloseTo(0.0005, within(1e-12));
		assertThat(this.meters.get("bytez.client.budget.remaining").gauge().value()).isCloseTo(0.0015, within(1e-12));
		assertThat(this.meters.get("bytez.client.budget.spent").gauge().getId().getDescription()).isNotBlank();
		assertThat(this.meters.get("bytez.client.budget.remaining").gauge().getId().getDescription()).isNotBlank();
		assertThat(this.meters.get("bytez.client.budget.spent").gauge().getId().getBaseUnit()).isEqualTo("usd");
	}

	@Test
	void aStoreThatFailsStopsCallsWithATypedFailureCountedOnce() {
		pricedRuns();
		SpendStore broken = new SpendStore() {

			@Override
			public CompletionStage<Double> spent(Instant periodStart) {
				return CompletableFuture.failedFuture(new IllegalStateException("redis://user:secret@host down"));
			}

			@Override
			public CompletionStage<Double> add(Instant periodStart, Instant periodEnd, double dollars) {
				return CompletableFuture.failedFuture(new IllegalStateException("down"));
			}

			@Override
			public String description() {
				return "a broken store";
			}

		};
		BytezTemplate template = builder("1").spendStore(broken).build();

		StepVerifier.create(template.run("org/model", BytezInput.text("x")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezSpendStoreException.class)
				.hasMessageContaining("a broken store")
				.hasMessageContaining("budgetMaxCost")
				.hasMessageNotContaining("secret"))
			.verify(Duration.ofSeconds(5));
		bytez.verify(0, postRequestedFor(urlPathEqualTo(RUN)));
		assertThat(this.meters.get("bytez.client.budget.store.failures").counter().count()).isEqualTo(1);
	}

	@Test
	void badBudgetSettingsAreRejectedByBuildNamingTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder("-0.01").build())
			.withMessage("budgetMaxCost must not be negative (US dollars, e.g. 5.00), was -0.01");
		assertThatIllegalArgumentException().isThrownBy(() -> builder("1").budgetPeriod(Duration.ZERO).build())
			.withMessage("budgetPeriod must be a positive duration of at least 1ms, e.g. 1d, was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder("1").budgetPeriod(Duration.ofMinutes(-1)).build())
			.withMessageStartingWith("budgetPeriod must be a positive duration of at least 1ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder()
				.apiKey("k")
				.spendStore(new io.github.bytezspring.client.internal.LocalSpendStore())
				.build())
			.withMessage("spendStore needs budgetMaxCost");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder()
				.apiKey("k")
				.settingNames((option) -> "bytez.budget.max-cost")
				.budgetMaxCost(new BigDecimal("-1"))
				.build())
			.withMessageStartingWith("bytez.budget.max-cost must not be negative");
	}

	@Test
	void withoutAMaximumCostThereIsNoGuard() {
		BytezTemplate template = BytezTemplate.builder().apiKey("k").baseUrl(bytez.baseUrl()).build();
		assertThat(template.budgetStatus()).isEmpty();
	}

	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
