package io.github.bytezspring.client.concurrency;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezPermitStoreException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared budget on a Redis Sentinel setup of real processes: when the primary is
 * killed and the sentinel promotes the replica, calls go on without restarting any
 * instance, and while there is no primary each call fails within its bounds instead of
 * hanging.
 */
class RedisPermitStoreSentinelTests {

	@RegisterExtension
	static final RedisSentinelSetup sentinel = new RedisSentinelSetup();

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs
		.of("io.github.bytezspring.client.internal.SharedPermits",
				"io.github.bytezspring.client.concurrency.RedisPermitStore")
		.expecting(Level.WARN,
				"Could not get a permit from .+; calls fail with BytezPermitStoreException until it answers again: .+")
		.expecting(Level.WARN, "The permits of redis semaphore .+ were missing in Redis .+")
		.expecting(Level.WARN, "A call in flight re-claimed its permit of .+");

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	final InFlightStubs stub = new InFlightStubs();

	@Test
	void whenThePrimaryIsKilledAndTheReplicaPromotedCallsGoOn() throws InterruptedException {
		this.stub.start(Duration.ofMillis(5));
		String name = RedisPermitStoreTests.uniqueName();
		List<BytezTemplate> instances = List.of(template(sentinel.newClient(), name),
				template(sentinel.newClient(), name));
		assertThat(calls(instances, 10)).containsOnly("ok").hasSize(10);

		sentinel.killPrimary();
		long killed = System.nanoTime();
		// until the replica is promoted a call fails, each within its bounds, or goes
		// through
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<Duration> durations = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			long start = System.nanoTime();
			Throwable failure = instances.get(0)
				.run("org/model", BytezInput.text("failover"))
				.materialize()
				.block(Duration.ofSeconds(20))
				.getThrowable();
			durations.add(Duration.ofNanos(System.nanoTime() - start));
			if (failure != null) {
				failures.add(failure);
			}
			assertThat(failure).isNull();
		});
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(40));
		assertThat(failures).allMatch(BytezPermitStoreException.class::isInstance);
		// each Redis operation is bounded by the timeout; a call asks at most a few times
		assertThat(durations).allMatch((duration) -> duration.compareTo(TIMEOUT.multipliedBy(8)) < 0);
		assertThat(sentinel.currentPrimary()).contains(String.valueOf(sentinel.replicaPort()));

		this.stub.reset();
		assertThat(calls(instances, 30)).containsOnly("ok").hasSize(30);
		assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(2);
	}

	private List<String> calls(List<BytezTemplate> instances, int count) {
		return Flux.range(0, count)
			.flatMap((i) -> instances.get(i % instances.size()).run("org/model", BytezInput.text("call " + i)))
			.map(BytezResponse::outputText)
			.onErrorResume((ex) -> Mono.just(ex.toString()))
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	private BytezTemplate template(RedissonClient client, String name) {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(this.stub.url())
			.maxConcurrentRequests(2)
			.permitStore(RedisPermitStore.connect(client, name, 2, Duration.ofSeconds(2), TIMEOUT))
			.build();
	}

}
