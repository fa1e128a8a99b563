package io.github.bytezspring.client.concurrency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared budget across separate JVMs, as separate application instances: together
 * they never put more than the budget in flight, and the permits of an instance killed
 * with {@code kill -9} come back within one lease.
 */
class RedisPermitStoreProcessTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration LEASE = Duration.ofSeconds(2);

	private final List<Process> processes = new ArrayList<>();

	@RegisterExtension
	final InFlightStubs stub = new InFlightStubs();

	@TempDir
	Path logs;

	@AfterEach
	void stop() throws IOException {
		this.processes.forEach(Process::destroyForcibly);
		if (System.getenv("KEEP_INSTANCE_LOGS") != null) {
			try (var files = Files.list(this.logs)) {
				files.forEach((file) -> System.out.println(file + ":\n" + readQuietly(file)));
			}
		}
	}

	@Test
	void instancesInSeparateJvmsShareTheBudgetAndEveryCallCompletes() throws Exception {
		this.stub.start(Duration.ofMillis(10));
		String name = RedisPermitStoreTests.uniqueName();
		// a lease well above any scheduling stall of a loaded machine: this test is about
		// sharing, not leases
		Process first = instance(name, 3, 40, Duration.ofSeconds(10));
		Process second = instance(name, 3, 40, Duration.ofSeconds(10));

		assertThat(first.waitFor(90, TimeUnit.SECONDS)).as(() -> "first instance done; its output:\n" + log(first))
			.isTrue();
		assertThat(second.waitFor(90, TimeUnit.SECONDS)).as(() -> "second instance done; its output:\n" + log(second))
			.isTrue();
		assertThat(first.exitValue()).isZero();
		assertThat(second.exitValue()).isZero();
		assertThat(output(first)).contains("DONE 40");
		assertThat(output(second)).contains("DONE 40");
		assertThat(this.stub.requests()).isEqualTo(80);
		assertThat(this.stub.maxInFlight()).isLessThanOrEqualTo(3).isPositive();
	}

	@Test
	void aKilledInstancesPermitsComeBackWithinOneLease() throws Exception {
		this.stub.start(Duration.ofMinutes(5));
		String name = RedisPermitStoreTests.uniqueName();
		RedisPermitStore observer = RedisPermitStoreTests.store(redis.newClient(), name, 2);
		Process holder = instance(name, 2, -1, LEASE);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> observer.availablePermits() == 0 && this.stub.inFlight() == 2);
		// held past several renewals: the lease alone does not free a live instance's
		// permits
		long heldSince = System.nanoTime();
		await().pollDelay(LEASE.plusMillis(500)).atMost(LEASE.plusSeconds(2)).until(() -> true);
		assertThat(observer.availablePermits()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - heldSince)).isGreaterThan(LEASE);

		holder.destroyForcibly();
		assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(holder.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		long killed = System.nanoTime();
		await().atMost(LEASE.plusMillis(1500))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> observer.availablePermits() == 2);
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThanOrEqualTo(LEASE.plusMillis(1500));
	}

	private Process instance(String name, int permits, int calls, Duration lease) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), SharedBudgetInstance.class.getName(), redis.url(), name,
				String.valueOf(permits), String.valueOf(lease.toMillis()), this.stub.url(), String.valueOf(calls))
			.redirectErrorStream(true)
			.redirectOutput(this.logs.resolve("instance-" + this.processes.size() + ".log").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private String log(Process process) {
		int index = this.processes.indexOf(process);
		String stub = " (stub: " + this.stub.requests() + " requests, " + this.stub.inFlight() + " in flight)";
		return readQuietly(this.logs.resolve("instance-" + index + ".log")) + stub;
	}

	private String output(Process process) throws IOException {
		return Files.readString(this.logs.resolve("instance-" + this.processes.indexOf(process) + ".log"));
	}

}
