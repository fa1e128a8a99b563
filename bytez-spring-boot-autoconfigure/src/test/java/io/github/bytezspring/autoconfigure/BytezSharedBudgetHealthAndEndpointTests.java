package io.github.bytezspring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.concurrency.InFlightStubs;
import io.github.bytezspring.client.concurrency.RedisPermitStore;
import io.github.bytezspring.client.concurrency.RedisServer;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the {@code bytez} health contributor and {@code /actuator/bytez} show of a budget
 * shared through a real Redis: the store, the budget's name, its permits fleet-wide and
 * this instance's, calls in flight and waiting as separate numbers; DOWN with the last
 * failure when Redis stops; never in the liveness group.
 */
class BytezSharedBudgetHealthAndEndpointTests {

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs
		.of(CapturedLogs.REFRESH_FAILURE_LOGGER, BytezRedisConcurrencyConfiguration.class.getName())
		.expecting(Level.WARN, "The shared Bytez concurrency budget is unavailable .+");

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	final InFlightStubs stub = InFlightStubs.started(Duration.ofSeconds(2));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=health-secret-key", "bytez.base-url=" + this.stub.url(),
				"bytez.max-concurrent-requests=3", "bytez.concurrency.store=redis", "bytez.concurrency.lease-time=2s",
				"bytez.concurrency.timeout=1s", "bytez.concurrency.redis.url=" + redis.url());

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theEndpointShowsTheStoreItsPermitsAndCallsInFlightApartFromCallsWaiting() {
		this.contextRunner.run((context) -> {
			BytezOperations bytez = context.getBean(BytezOperations.class);
			Flux.range(0, 5).flatMap((i) -> bytez.run("org/model", BytezInput.text("c" + i))).subscribe();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.stub.inFlight() == 3);

			JsonNode status = this.json.valueToTree(context.getBean(BytezEndpoint.class).status());
			assertThat(status.at("/concurrencyStore/store").asString()).isEqualTo("redis");
			assertThat(status.at("/concurrencyStore/semaphore").asString())
				.isEqualTo(RedisPermitStore.semaphoreName("health-secret-key"));
			assertThat(status.at("/concurrencyStore/permitsHeld").asInt()).isEqualTo(3);
			assertThat(status.at("/concurrencyStore/permitsAvailable").asInt()).isZero();
			assertThat(status.at("/concurrencyStore/permitsTotal").asInt()).isEqualTo(3);
			assertThat(status.at("/calls/inFlight").asInt()).isEqualTo(3);
			assertThat(status.at("/calls/waiting").asInt()).isEqualTo(2);
			assertThat(status.toString()).doesNotContain("health-secret-key");
		});
	}

	@Test
	void theHealthContributorIsUpWithThePermitsAndDownWithTheLastFailureWhenRedisStops() throws IOException {
		this.contextRunner.run((context) -> {
			HealthIndicator indicator = context.getBean("bytezHealthIndicator", HealthIndicator.class);
			Health up = indicator.health(true);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("store", "redis")
				.containsEntry("semaphore", RedisPermitStore.semaphoreName("health-secret-key"))
				.containsEntry("permitsAvailable", 3)
				.containsEntry("permitsTotal", 3)
				.doesNotContainKey("lastFailure");

			redis.stop();
			try {
				Health down = indicator.health(true);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsKey("error").containsKey("lastFailure");
				assertThat(down.toString()).doesNotContain("health-secret-key");
			}
			finally {
				redis.start();
			}
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void anInstanceThatStartedWithoutRedisIsDownAndTheEndpointSaysItRunsAlone() throws IOException {
		this.contextRunner
			.withPropertyValues("bytez.concurrency.redis.url=redis://127.0.0.1:" + closedPort(),
					"bytez.concurrency.on-store-failure=local")
			.run((context) -> {
				Health health = context.getBean("bytezHealthIndicator", HealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(health.getDetails().get("reason"))).contains("local limit alone");
				JsonNode status = this.json.valueToTree(context.getBean(BytezEndpoint.class).status());
				assertThat(status.at("/concurrencyStore/store").asString()).isEqualTo("redis");
				assertThat(status.at("/concurrencyStore/fallback").asString()).contains("local limit alone");
			});
	}

	@Test
	void theContributorIsInTheHealthEndpointButNotInTheLivenessGroup() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
					AvailabilityProbesAutoConfiguration.class))
			.withPropertyValues("management.endpoint.health.probes.enabled=true",
					"management.endpoint.health.show-components=always")
			.run((context) -> {
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(this.json.valueToTree(health.health()).at("/components/bytez/status").asString())
					.isEqualTo("UP");
				JsonNode liveness = this.json.valueToTree(health.healthForPath("liveness"));
				// the group exists (its status follows the application's liveness state,
				// not Redis)
				assertThat(liveness.at("/status").isMissingNode()).isFalse();
				assertThat(liveness.toString()).doesNotContain("bytez");
			});
	}

	@Test
	void theContributorCanBeTurnedOffAndALocalStoreHasNone() {
		this.contextRunner.withPropertyValues("management.health.bytez.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("bytezHealthIndicator"));
		this.contextRunner.withPropertyValues("bytez.concurrency.store=local").run((context) -> {
			assertThat(context).doesNotHaveBean("bytezHealthIndicator");
			JsonNode status = this.json.valueToTree(context.getBean(BytezEndpoint.class).status());
			assertThat(status.at("/concurrencyStore/store").asString()).isEqualTo("local");
			assertThat(status.at("/concurrencyStore/permitsHeld").isMissingNode()).isTrue();
		});
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
