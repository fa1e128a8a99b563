package io.github.bytezspring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.concurrency.InFlightStubs;
import io.github.bytezspring.client.concurrency.RedisPermitStore;
import io.github.bytezspring.client.concurrency.RedisServer;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bytez.concurrency.store=redis} against a real Redis: the budget is shared by
 * every context using the key, the application's {@link RedissonClient} is reused, and an
 * unreachable Redis fails startup with a report naming {@code bytez.concurrency.*}, or
 * falls back to the local limit.
 */
class BytezSharedBudgetAutoConfigurationTests {

	/**
	 * The startup failures and Redis failures these tests provoke: captured instead of
	 * printed, each checked after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs
		.of(CapturedLogs.REFRESH_FAILURE_LOGGER, BytezRedisConcurrencyConfiguration.class.getName())
		.expecting(Level.WARN, CapturedLogs.REFRESH_FAILURE)
		.expecting(Level.WARN, "The shared Bytez concurrency budget is unavailable .+")
		.neverShowing("shared-secret-key");

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	final InFlightStubs stub = InFlightStubs.started(Duration.ofMillis(10));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=shared-secret-key", "bytez.base-url=" + this.stub.url(),
				"bytez.max-concurrent-requests=3", "bytez.concurrency.store=redis", "bytez.concurrency.lease-time=2s",
				"bytez.concurrency.timeout=1s");

	@Test
	void twoInstancesWithTheSameKeyShareOneBudgetNamedFromItsHash() {
		this.contextRunner.withPropertyValues("bytez.concurrency.redis.url=" + redis.url()).run((first) -> {
			this.contextRunner.withPropertyValues("bytez.concurrency.redis.url=" + redis.url()).run((second) -> {
				List<BytezOperations> instances = List.of(first.getBean(BytezOperations.class),
						second.getBean(BytezOperations.class));
				List<String> answers = Flux.range(0, 60)
					.flatMap((i) -> instances.get(i % 2).run("org/model", BytezInput.text("call " + i)), 60)
					.map(BytezResponse::outputText)
					.collectList()
					.block(Duration.ofSeconds(30));
				assertThat(answers).hasSize(60).containsOnly("ok");
				assertThat(this.stub.maxInFlight()).isEqualTo(3);
			});
			RedissonClient probe = redis.newClient();
			assertThat(probe.getKeys().getKeysStream().toList())
				.contains("{" + RedisPermitStore.semaphoreName("shared-secret-key") + "}:permits")
				.noneMatch((key) -> key.contains("shared-secret-key"));
		});
	}

	@Test
	void theApplicationsRedissonClientIsUsedAndLeftRunning() {
		RedissonClient application = Redisson.create(RedisServer.config(redis.url()));
		try {
			this.contextRunner.withBean(RedissonClient.class, () -> application)
				.withPropertyValues("bytez.concurrency.name=orders")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(BytezOperations.class)
						.run("org/model", BytezInput.text("hi"))
						.block(Duration.ofSeconds(5))
						.outputText()).isEqualTo("ok");
					assertThat(application.<String>getBucket("{bytez:concurrency:orders}:permits", StringCodec.INSTANCE)
						.get()).isEqualTo("3");
				});
			assertThat(application.isShutdown()).isFalse();
		}
		finally {
			application.shutdown();
		}
	}

	@Test
	void anUnreachableRedisFailsStartupWithAReportNamingTheProperties() throws IOException {
		this.contextRunner
			.withPropertyValues(
					"bytez.concurrency.redis.url=redis://bytez:redis-password-789@127.0.0.1:" + closedPort())
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new BytezSharedBudgetFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("bytez.concurrency.store=redis")
					.contains("bytez.concurrency.redis.url (redis://127.0.0.1:")
					.doesNotContain("shared-secret-key")
					.doesNotContain("redis-password-789");
				assertThat(analysis.getAction()).contains("bytez.concurrency.on-store-failure=local")
					.contains("bytez.concurrency.store=local");
			});
	}

	@Test
	void anUnreachableRedisWithOnStoreFailureLocalStartsUnderTheLocalLimit() throws IOException {
		this.contextRunner
			.withPropertyValues("bytez.concurrency.redis.url=redis://127.0.0.1:" + closedPort(),
					"bytez.concurrency.on-store-failure=local")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> answers = Flux.range(0, 12)
					.flatMap((i) -> context.getBean(BytezOperations.class).run("org/model", BytezInput.text("c" + i)))
					.map(BytezResponse::outputText)
					.collectList()
					.block(Duration.ofSeconds(10));
				assertThat(answers).hasSize(12).containsOnly("ok");
				assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(3);
			});
	}

	@Test
	void noRedisUrlAndNoRedissonClientIsReported() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new BytezSharedBudgetFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("bytez.concurrency.redis.url is not set");
		});
	}

	@Test
	void theRedisStoreNeedsAMaxConcurrentRequests() {
		this.contextRunner
			.withPropertyValues("bytez.max-concurrent-requests=0", "bytez.concurrency.redis.url=" + redis.url())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-concurrent-requests"));
	}

	@Test
	void badConcurrencyValuesAreRejectedAtBinding() {
		this.contextRunner
			.withPropertyValues("bytez.concurrency.lease-time=100ms", "bytez.concurrency.redis.url=localhost:6379")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("concurrency.lease-time")
				.hasMessageContaining("concurrency.redis.url"));
	}

	@Test
	void withoutRedissonTheRedisStoreIsReportedAndTheLocalStoreStillWorks() {
		FilteredClassLoader noRedisson = new FilteredClassLoader("org.redisson");
		this.contextRunner.withClassLoader(noRedisson).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new BytezSharedBudgetFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("needs Redisson on the classpath");
			assertThat(analysis.getAction()).contains("org.redisson:redisson (tested with 3.52.0)");
		});
		this.contextRunner.withClassLoader(noRedisson)
			.withPropertyValues("bytez.concurrency.store=local")
			.run((context) -> assertThat(context.getBean(BytezOperations.class)
				.run("org/model", BytezInput.text("hi"))
				.block(Duration.ofSeconds(5))
				.outputText()).isEqualTo("ok"));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
