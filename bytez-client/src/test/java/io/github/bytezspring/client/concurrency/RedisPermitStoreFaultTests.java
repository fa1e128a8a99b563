package io.github.bytezspring.client.concurrency;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezPermitStoreException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared budget when Redis loses its state: a restart without persistence, or the
 * budget's keys deleted while calls run and wait. Calls go on within seconds without
 * restarting any instance, the calls in flight keep their permits, nothing waits beyond
 * its bounds, and each outage is logged once and every failed operation counted.
 */
class RedisPermitStoreFaultTests {

	private static final String SHARED_PERMITS = "io.github.bytezspring.client.internal.SharedPermits";

	private static final String STORE = "io.github.bytezspring.client.concurrency.RedisPermitStore";

	private static final String OUTAGE = "Could not get a permit from .+; calls fail with BytezPermitStoreException until it answers again: .+";

	private static final String RESEEDED = "The permits of redis semaphore .+ were missing in Redis \\(restarted, failed over or its keys deleted\\) and are set again to \\d+";

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(SHARED_PERMITS, STORE)
		.expecting(Level.WARN, OUTAGE)
		.expecting(Level.WARN, RESEEDED)
		.expecting(Level.WARN, "A call in flight re-claimed its permit of .+");

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	final InFlightStubs stub = new InFlightStubs();

	@Test
	void afterARedisRestartCallsGoOnWithinSecondsAndTheOutageIsLoggedOnceAndCounted() throws IOException {
		this.stub.start(Duration.ofMillis(5));
		String name = RedisPermitStoreTests.uniqueName();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		BytezTemplate first = template(redis.newClient(), name).meterRegistry(meters).build();
		BytezTemplate second = template(redis.newClient(), name).build();
		assertThat(calls(List.of(first, second), 6)).containsOnly("ok").hasSize(6);

		redis.stop();
		try {
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				assertThat(first.run("org/model", BytezInput.text("down " + i))
					.materialize()
					.block(Duration.ofSeconds(20))
					.getThrowable()).isInstanceOf(BytezPermitStoreException.class).hasMessageContaining("was not sent");
				// each Redis operation within bytez.concurrency.timeout, and Redisson's
				// own retry within it too
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
			}
		}
		finally {
			redis.start();
		}
		this.stub.reset();

		// no instance restarted: each goes on once its Redisson client has reconnected,
		// and the permits are
		// set again by the first operation that finds them missing
		for (BytezTemplate instance : List.of(first, second)) {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(instance.run("org/model", BytezInput.text("back"))
					.onErrorResume((ex) -> Mono.empty())
					.block(TIMEOUT.multipliedBy(5))).isNotNull());
		}
		assertThat(calls(List.of(first, second), 40)).containsOnly("ok").hasSize(40);
		assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(2);
		assertThat(meters.get("bytez.concurrency.store.failures").counter().count()).isGreaterThanOrEqualTo(3);
		// at most one per instance (the second may also see Redisson still reconnecting),
		// never one per failure
		assertThat(this.logs.messages(SHARED_PERMITS, Level.WARN)).as("one warning per outage, not per call")
			.hasSizeBetween(1, 2)
			.allMatch((message) -> message.matches(OUTAGE));
		assertThat(this.logs.messages(STORE, Level.WARN)).filteredOn((message) -> message.matches(RESEEDED)).hasSize(1);
	}

	@Test
	void callsWaitingWhenTheBudgetsKeysAreDeletedGoOnWithinSeconds() {
		this.stub.start(Duration.ofMillis(400));
		String name = RedisPermitStoreTests.uniqueName();
		RedissonClient observer = redis.newClient();
		List<BytezTemplate> instances = List.of(template(redis.newClient(), name).build(),
				template(redis.newClient(), name).build());

		Mono<List<String>> answers = Flux.range(0, 8)
			.flatMap((i) -> instances.get(i % 2).run("org/model", BytezInput.text("call " + i)))
			.map(BytezResponse::outputText)
			.collectList()
			.cache();
		answers.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.stub.inFlight() == 2);
		// as after a restart without persistence, or a promoted replica that never had
		// the keys
		observer.getKeys().deleteByPattern("{" + name + "}*");

		assertThat(answers.block(Duration.ofSeconds(20))).containsOnly("ok").hasSize(8);
		// the calls in flight re-claimed their permits before any new call was granted
		// one
		assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(2);
		assertThat(this.logs.messages(STORE, Level.WARN)).anyMatch((message) -> message.matches(RESEEDED));
		assertThat(RedisPermitStoreTests.store(observer, name, 2).availablePermits()).isEqualTo(2);
	}

	private List<String> calls(List<BytezTemplate> instances, int count) {
		return Flux.range(0, count)
			.flatMap((i) -> instances.get(i % instances.size()).run("org/model", BytezInput.text("call " + i)))
			.map(BytezResponse::outputText)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	private io.github.bytezspring.client.BytezTemplateBuilder template(RedissonClient client, String name) {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(this.stub.url())
			.maxConcurrentRequests(2)
			.permitStore(RedisPermitStore.connect(client, name, 2, LEASE, TIMEOUT));
	}

}
