package io.github.bytezspring.client.concurrency;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezPermitStoreException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The shared budget against a real Redis: several templates, each with its own Redisson
 * client as if in its own instance, never put more than the budget in flight;
 * cancellation releases every permit; a stopped Redis fails calls with a typed exception,
 * or falls back, within a bounded time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisPermitStoreTests {

	/**
	 * The Redis failures these tests provoke: captured instead of printed, each checked
	 * after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of("io.github.bytezspring.client.internal.SharedPermits")
		.expecting(Level.WARN, "Could not get a permit from .+; going on under the local limit alone: .+")
		.expecting(Level.WARN,
				"Could not get a permit from .+; calls fail with BytezPermitStoreException until it answers again: .+");

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration LEASE = Duration.ofSeconds(2);

	@RegisterExtension
	final InFlightStubs stub = new InFlightStubs();

	@Test
	@Order(1)
	void instancesSharingTheBudgetNeverExceedItAndEveryCallCompletes() {
		this.stub.start(Duration.ofMillis(15));
		String name = uniqueName();
		List<BytezTemplate> instances = IntStream.range(0, 3)
			.mapToObj((i) -> template(store(redis.newClient(), name, 4), 4).build())
			.toList();

		List<String> answers = Flux.range(0, 150)
			.flatMap((i) -> instances.get(i % 3).run("org/model", BytezInput.text("call " + i)), 150)
			.map(BytezResponse::outputText)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).hasSize(150).containsOnly("ok");
		assertThat(this.stub.requests()).isEqualTo(150);
		assertThat(this.stub.maxInFlight()).isEqualTo(4);
	}

	@Test
	@Order(2)
	void aCancellationStormReleasesEveryPermitExactlyOnce() {
		// every answer takes longer than any call's bound, so that every call of the
		// storm
		// is cancelled: while it waits, as its permit arrives or during its exchange,
		// never
		// as its answer arrives (Spring Framework 7.0's connector can then drop the
		// answer's body unreleased, which the leak check would report)
		this.stub.start(Duration.ofMillis(60));
		String name = uniqueName();
		RedisPermitStore first = store(redis.newClient(), name, 3);
		RedisPermitStore second = store(redis.newClient(), name, 3);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OpenExchanges open = new OpenExchanges();
		List<BytezTemplate> instances = List.of(
				template(first, 3).meterRegistry(meters).webClientCustomizer((builder) -> builder.filter(open)).build(),
				template(second, 3).webClientCustomizer((builder) -> builder.filter(open)).build());

		// each instance's connection to Redis is warm, and the calls' bounds (1 to 49 ms)
		// span a store's grant, so that many calls reach their exchange
		assertThat(Flux.fromIterable(instances)
			.flatMap((instance) -> instance.run("org/model", BytezInput.text("warm-up")))
			.count()
			.block(Duration.ofSeconds(10))).isEqualTo(2);
		Flux.range(0, 300)
			.flatMap((i) -> instances.get(i % 2)
				.run("org/model", BytezInput.text("call " + i))
				.timeout(Duration.ofMillis(i % 9 * 6L + 1), Mono.empty()), 12)
			.blockLast(Duration.ofSeconds(60));
		int stormOpened = open.opened() - 2;

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(first.availablePermits()).isEqualTo(3);
			assertThat(meters.get("bytez.concurrency.permits.held").gauge().value()).isZero();
		});
		// counted at the client: a permit is released only once its call's cancellation
		// has reached the exchange, but the stub sees the connection close a moment
		// later, so it may briefly count a cancelled request beside the next one
		assertThat(stormOpened).isGreaterThanOrEqualTo(5);
		assertThat(open.opened()).isGreaterThanOrEqualTo((int) this.stub.requests());
		assertThat(open.open()).isZero();
		assertThat(open.max()).isLessThanOrEqualTo(3);
		assertThat(meters.get("bytez.concurrency.store.failures").counter().count()).isZero();
		// the budget is whole again: a full round of calls goes through
		assertThat(Flux.range(0, 6)
			.flatMap((i) -> instances.get(0).run("org/model", BytezInput.text("after " + i)))
			.count()
			.block(Duration.ofSeconds(10))).isEqualTo(6);
		assertThat(meters.get("bytez.concurrency.permit.wait").timer().count()).isGreaterThanOrEqualTo(6);
	}

	@Test
	@Order(3)
	void aCallLongerThanTheLeaseKeepsItsPermit() {
		this.stub.start(LEASE.multipliedBy(2));
		String name = uniqueName();
		RedisPermitStore store = store(redis.newClient(), name, 1);
		BytezTemplate template = template(store, 1).build();

		BytezResponse answer = template.run("org/model", BytezInput.text("long")).block(Duration.ofSeconds(20));

		assertThat(answer.outputText()).isEqualTo("ok");
		// renewed throughout, so nobody else could take it: the stub never saw two at
		// once
		assertThat(this.stub.maxInFlight()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(2)).until(() -> store.availablePermits() == 1);
	}

	@Test
	@Order(4)
	void theSemaphoreIsNamedFromAHashOfTheKeyNeverTheKey() {
		String name = RedisPermitStore.semaphoreName("secret-key-123");
		assertThat(name).startsWith("bytez:concurrency:").doesNotContain("secret").hasSize(18 + 64);
		assertThat(RedisPermitStore.semaphoreName("secret-key-123")).isEqualTo(name);
		assertThat(RedisPermitStore.semaphoreName("other-key")).isNotEqualTo(name);
		RedisPermitStore store = store(redis.newClient(), name, 2);
		assertThat(store.description()).doesNotContain("secret").startsWith("redis semaphore 'bytez:concurrency:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").permitStore(store).build())
			.withMessageContaining("maxConcurrentRequests");
	}

	@Test
	@Order(10)
	void whenRedisStopsCallsFailWithATypedExceptionOrFallBackWithinABoundedTime() throws IOException {
		this.stub.start(Duration.ofMillis(5));
		String name = uniqueName();
		RedissonClient client = redis.newClient();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		BytezTemplate failing = template(store(client, name, 2), 2).meterRegistry(meters).build();
		BytezTemplate fallingBack = template(store(client, name, 2), 2)
			.permitStoreFailureMode(PermitStoreFailureMode.LOCAL)
			.build();
		assertThat(failing.run("org/model", BytezInput.text("before")).block(Duration.ofSeconds(5)).outputText())
			.isEqualTo("ok");

		redis.stop();
		try {
			long start = System.nanoTime();
			assertThat(failing.run("org/model", BytezInput.text("during"))
				.materialize()
				.block(Duration.ofSeconds(15))
				.getThrowable()).isInstanceOf(BytezPermitStoreException.class)
				.hasMessageContaining("could not get a permit from redis semaphore")
				.hasMessageContaining("permitStoreFailureMode");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(meters.get("bytez.concurrency.store.failures").counter().count()).isPositive();
			List<String> local = Flux.range(0, 4)
				.flatMap((i) -> fallingBack.run("org/model", BytezInput.text("local " + i)))
				.map(BytezResponse::outputText)
				.collectList()
				.block(Duration.ofSeconds(15));
			assertThat(local).containsOnly("ok").hasSize(4);
			assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(2);
		}
		finally {
			redis.start();
		}
	}

	static RedisPermitStore store(RedissonClient client, String name, int permits) {
		return RedisPermitStore.connect(client, name, permits, LEASE, Duration.ofSeconds(2));
	}

	private io.github.bytezspring.client.BytezTemplateBuilder template(RedisPermitStore store, int permits) {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(this.stub.isStarted() ? this.stub.url() : "http://127.0.0.1:9")
			.maxConcurrentRequests(permits)
			.permitStore(store);
	}

	static String uniqueName() {
		return "bytez:concurrency:test-" + UUID.randomUUID();
	}

}
