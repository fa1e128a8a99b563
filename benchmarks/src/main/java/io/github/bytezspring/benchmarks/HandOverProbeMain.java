package io.github.bytezspring.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.bytezspring.client.concurrency.RedisPermitStore;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where a hand-over of a permit between processes spends its time, without HTTP: the
 * parent holds the one permit of a budget, a child JVM (its own Redisson client) waits
 * for it, the parent releases it and the child notes when its wait ends.
 * {@code System.nanoTime()} is the same monotonic clock in both processes on Linux, so
 * the two timestamps compare. Also measured, for scale: one Redis round trip
 * ({@code PING} through Redisson), a hop to Reactor's parallel scheduler, and the same
 * hand-over between two Redisson clients inside one JVM.
 * <p>
 * {@code java -cp ... HandOverProbeMain redis-url=redis://127.0.0.1:6379 [n=300] [out=file.txt]}
 */
public final class HandOverProbeMain {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private HandOverProbeMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		Arrays.stream(args).map((arg) -> arg.split("=", 2)).forEach((kv) -> options.put(kv[0], kv[1]));
		String url = options.get("redis-url");
		String name = options.getOrDefault("name", "bytez:concurrency:probe-" + UUID.randomUUID());
		int n = Integer.parseInt(options.getOrDefault("n", "300"));
		if ("child".equals(options.get("role"))) {
			child(url, name);
			return;
		}
		RedissonClient redisson = Redisson.create(config(url));
		RedisPermitStore store = RedisPermitStore.connect(redisson, name, 1, Duration.ofSeconds(30),
				Duration.ofSeconds(3));
		long[] ping = sample(n, () -> {
			long start = System.nanoTime();
			redisson.getBucket("probe").isExistsAsync().toCompletableFuture().join();
			return System.nanoTime() - start;
		});
		long[] hop = sample(n, () -> {
			long start = System.nanoTime();
			return Mono.fromCallable(() -> System.nanoTime() - start).subscribeOn(Schedulers.parallel()).block();
		});
		RedissonClient other = Redisson.create(config(url));
		RedisPermitStore otherStore = RedisPermitStore.connect(other, name, 1, Duration.ofSeconds(30),
				Duration.ofSeconds(3));
		long[] inJvm = sample(n, () -> handOver(store, otherStore));
		otherStore.close();
		other.shutdown();
		long[][] crossProcess = crossProcess(store, url, name, n);
		String report = String.join("\n", line("one Redis round trip (Redisson, EXISTS)", ping),
				line("hop to Reactor's parallel scheduler", hop),
				line("hand-over between two Redisson clients in one JVM", inJvm),
				line("hand-over to another process: release called -> releasing script answered", crossProcess[0]),
				line("hand-over to another process: release called -> waiter's wait ended", crossProcess[1])) + "\n";
		System.out.print(report);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), report, StandardCharsets.UTF_8);
		}
		store.close();
		redisson.shutdown();
		System.exit(0);
	}

	/**
	 * One hand-over inside this JVM: {@code from} holds the permit, {@code to} waits,
	 * {@code from} releases.
	 */
	private static long handOver(RedisPermitStore from, RedisPermitStore to) {
		String held = from.tryAcquire(WAIT).toCompletableFuture().join();
		CompletableFuture<String> waiting = to.tryAcquire(WAIT).toCompletableFuture();
		while (from.status().toCompletableFuture().join().queued() == 0) {
			Thread.onSpinWait();
		}
		long[] ended = new long[1];
		CompletableFuture<String> granted = waiting.whenComplete((id, ex) -> ended[0] = System.nanoTime());
		long start = System.nanoTime();
		from.release(held);
		String id = granted.join();
		to.release(id).toCompletableFuture().join();
		return ended[0] - start;
	}

	private static long[][] crossProcess(RedisPermitStore store, String url, String name, int n) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				HandOverProbeMain.class.getName(), "role=child", "redis-url=" + url, "name=" + name)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			Writer out = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
			long[] answered = new long[n];
			long[] ended = new long[n];
			for (int i = 0; i < n + 50; i++) {
				String held = store.tryAcquire(WAIT).toCompletableFuture().join();
				out.write("ASK\n");
				out.flush();
				expect(in, "QUEUED");
				while (store.status().toCompletableFuture().join().queued() == 0) {
					Thread.onSpinWait();
				}
				long start = System.nanoTime();
				store.release(held).toCompletableFuture().join();
				long done = System.nanoTime();
				long granted = Long.parseLong(expect(in, "GRANTED ").substring("GRANTED ".length()));
				if (i >= 50) {
					answered[i - 50] = done - start;
					ended[i - 50] = granted - start;
				}
			}
			out.write("END\n");
			out.flush();
			child.waitFor(10, TimeUnit.SECONDS);
			return new long[][] { answered, ended };
		}
		finally {
			child.destroyForcibly();
		}
	}

	private static void child(String url, String name) throws Exception {
		RedissonClient redisson = Redisson.create(config(url));
		RedisPermitStore store = RedisPermitStore.connect(redisson, name, 1, Duration.ofSeconds(30),
				Duration.ofSeconds(3));
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		PrintStream out = System.out;
		String line;
		while ((line = in.readLine()) != null && line.equals("ASK")) {
			long[] ended = new long[1];
			CompletableFuture<String> granted = store.tryAcquire(WAIT)
				.toCompletableFuture()
				.whenComplete((id, ex) -> ended[0] = System.nanoTime());
			out.println("QUEUED");
			out.flush();
			String id = granted.join();
			out.println("GRANTED " + ended[0]);
			out.flush();
			store.release(id).toCompletableFuture().join();
		}
		store.close();
		redisson.shutdown();
		System.exit(0);
	}

	private static String expect(BufferedReader in, String prefix) throws Exception {
		String line;
		while ((line = in.readLine()) != null) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		throw new IllegalStateException("the child ended before " + prefix);
	}

	private static long[] sample(int n, LongSupplier measure) {
		for (int i = 0; i < 50; i++) {
			measure.getAsLong();
		}
		long[] values = new long[n];
		for (int i = 0; i < n; i++) {
			values[i] = measure.getAsLong();
		}
		return values;
	}

	private static String line(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "%-80s p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms", what,
				sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6,
				sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6);
	}

	private static Config config(String url) {
		// as the starter configures its own client (bytez.concurrency.redis.url)
		Config config = new Config();
		config.useSingleServer()
			.setAddress(url)
			.setRetryAttempts(1)
			.setConnectionMinimumIdleSize(2)
			.setSubscriptionConnectionMinimumIdleSize(1);
		return config;
	}

}
