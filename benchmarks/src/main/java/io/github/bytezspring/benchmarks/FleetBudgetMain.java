package io.github.bytezspring.benchmarks;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.concurrency.RedisPermitStore;
import io.github.bytezspring.client.model.BytezInput;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Issue 14's benchmark: a loopback stand-in for a Bytez plan (at most P calls in flight, S ms each, 429
 * beyond) and, in one run with a common start per row, the ceiling (a bare WebClient holding exactly P in
 * flight; wrk with P connections when installed), one instance under the local limit, K instances
 * uncoordinated at P, K at P/K, and K sharing the budget through Redis. Each instance is its own
 * template with its own connection pool (and Redisson client); goodput counts calls that succeeded in
 * the measured phase, after the warm-up.
 * <p>
 * {@code java -cp ... FleetBudgetMain redis-url=redis://127.0.0.1:6379 [plan=4] [service-ms=20]
 * [instances=3] [demand=16] [warmup-s=3] [measure-s=10] [out=file.jsonl]}
 */
public final class FleetBudgetMain {

	private static final String OK = "{\"error\":null,\"output\":\"ok\"}";

	private static final String LIMITED = "{\"error\":\"Rate limit exceeded\",\"output\":null}";

	private FleetBudgetMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		Arrays.stream(args).map((arg) -> arg.split("=", 2)).forEach((kv) -> options.put(kv[0], kv[1]));
		int plan = Integer.parseInt(options.getOrDefault("plan", "4"));
		int serviceMs = Integer.parseInt(options.getOrDefault("service-ms", "20"));
		int instances = Integer.parseInt(options.getOrDefault("instances", "3"));
		int demand = Integer.parseInt(options.getOrDefault("demand", "16"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-s", "3")));
		Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure-s", "10")));
		String redisUrl = options.get("redis-url");
		Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;

		// the retries of the uncoordinated rows would log thousands of warnings
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.github.bytezspring"))
			.setLevel(ch.qos.logback.classic.Level.ERROR);
		PlanStandIn standIn = new PlanStandIn(plan, Duration.ofMillis(serviceMs));
		List<String> rows = new ArrayList<>();
		try {
			Phases phases = new Phases(warmup, measure);
			// warm the JVM up once (JIT) on both paths before any measured row
			new Phases(warmup, warmup).run(standIn, List.of(bareWebClient(standIn.url(), plan),
					template(standIn.url(), plan, demand, null, "warm")));
			rows.add(row("ceiling: bare WebClient, exactly " + plan + " in flight", 1, standIn,
					phases.run(standIn, List.of(bareWebClient(standIn.url(), plan)))));
			String wrk = wrk(standIn, plan, measure);
			if (wrk != null) {
				rows.add(wrk);
			}
			rows.add(row("one instance, local limit " + plan, 1, standIn,
					phases.run(standIn, List.of(template(standIn.url(), plan, demand, null, "one")))));
			List<Driver> uncoordinated = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				uncoordinated.add(template(standIn.url(), plan, demand, null, "u" + i));
			}
			rows.add(row(instances + " instances, uncoordinated at " + plan, instances, standIn,
					phases.run(standIn, uncoordinated)));
			int split = Math.max(1, plan / instances);
			List<Driver> splitDrivers = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				splitDrivers.add(template(standIn.url(), split, demand, null, "s" + i));
			}
			rows.add(row(instances + " instances at " + plan + "/" + instances + " = " + split, instances, standIn,
					phases.run(standIn, splitDrivers)));
			if (redisUrl != null) {
				String name = "bytez:concurrency:bench-" + System.nanoTime();
				List<RedissonClient> clients = new ArrayList<>();
				List<Driver> shared = new ArrayList<>();
				SimpleMeterRegistry meters = new SimpleMeterRegistry();
				try {
					for (int i = 0; i < instances; i++) {
						RedissonClient client = Redisson.create(redisConfig(redisUrl));
						clients.add(client);
						RedisPermitStore store = RedisPermitStore.connect(client, name, plan, Duration.ofSeconds(10),
								Duration.ofSeconds(2));
						shared.add(template(standIn.url(), plan, demand, store, "r" + i, (i == 0) ? meters : null));
					}
					String roundTrip = roundTrip(clients.get(0), name + ":probe");
					Phase phase = phases.run(standIn, shared);
					Timer wait = meters.get("bytez.concurrency.permit.wait").timer();
					rows.add(row(instances + " instances sharing " + plan + " through Redis", instances, standIn, phase)
							+ String.format(Locale.ROOT,
									",\"permitWaitMeanMs\":%.2f,\"permitWaitMaxMs\":%.2f,\"redisRoundTrip\":%s",
									wait.mean(TimeUnit.MILLISECONDS), wait.max(TimeUnit.MILLISECONDS), roundTrip));
				}
				finally {
					clients.forEach(RedissonClient::shutdown);
				}
			}
		}
		finally {
			standIn.close();
		}
		double ceiling = goodput(rows.get(0));
		for (String row : rows) {
			String line = "{" + row + String.format(Locale.ROOT, ",\"ofCeiling\":%.3f", goodput(row) / ceiling) + "}";
			System.out.println(line);
			if (out != null) {
				Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}
		System.exit(0);
	}

	private static double goodput(String row) {
		Matcher matcher = Pattern.compile("\"goodput\":([0-9.]+)").matcher(row);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static String row(String label, int instances, PlanStandIn standIn, Phase phase) {
		return String.format(Locale.ROOT,
				"\"row\":\"%s\",\"instances\":%d,\"goodput\":%.1f,\"succeeded\":%d,\"status429\":%d,\"failed\":%d,"
						+ "\"maxInFlightAtPlan\":%d",
				label, instances, phase.succeeded / phase.seconds, phase.succeeded, phase.status429, phase.failed,
				standIn.maxInFlight.get());
	}

	static Config redisConfig(String url) {
		Config config = new Config();
		config.setThreads(2).setNettyThreads(4);
		config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(4).setConnectionPoolSize(16)
			.setTimeout(2000).setRetryAttempts(1);
		return config;
	}

	/**
	 * The permit's own cost: sequential acquire and release on an idle semaphore of the same store.
	 */
	private static String roundTrip(RedissonClient client, String name) throws Exception {
		RedisPermitStore store = RedisPermitStore.connect(client, name, 1, Duration.ofSeconds(10), Duration.ofSeconds(2));
		int n = 2000;
		long[] acquire = new long[n];
		long[] release = new long[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			String id = store.tryAcquire(Duration.ZERO).toCompletableFuture().get(5, TimeUnit.SECONDS);
			long acquired = System.nanoTime();
			store.release(id).toCompletableFuture().get(5, TimeUnit.SECONDS);
			acquire[i] = acquired - start;
			release[i] = System.nanoTime() - acquired;
		}
		Arrays.sort(acquire);
		Arrays.sort(release);
		return String.format(Locale.ROOT,
				"{\"acquireP50Ms\":%.3f,\"acquireP99Ms\":%.3f,\"releaseP50Ms\":%.3f,\"releaseP99Ms\":%.3f}",
				acquire[n / 2] / 1e6, acquire[n * 99 / 100] / 1e6, release[n / 2] / 1e6, release[n * 99 / 100] / 1e6);
	}

	private static String wrk(PlanStandIn standIn, int plan, Duration measure) {
		try {
			standIn.awaitIdle();
			standIn.reset();
			long limitedBefore = standIn.status429.sum();
			Process process = new ProcessBuilder("wrk", "-t1", "-c" + plan, "-d" + measure.toSeconds() + "s",
					standIn.url() + "/").redirectErrorStream(true).start();
			StringBuilder output = new StringBuilder();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach((line) -> output.append(line).append('\n'));
			}
			process.waitFor();
			Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
			if (!rps.find()) {
				return null;
			}
			return String.format(Locale.ROOT,
					"\"row\":\"ceiling: wrk, %d connections (whole run, no warm-up)\",\"instances\":1,\"goodput\":%s,"
							+ "\"status429\":%d,\"failed\":0,\"maxInFlightAtPlan\":%d",
					plan, rps.group(1), standIn.status429.sum() - limitedBefore, standIn.maxInFlight.get());
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static Driver bareWebClient(String url, int inFlight) {
		WebClient client = WebClient.builder()
			.baseUrl(url)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create("bare", 64))))
			.build();
		Supplier<Mono<?>> call = () -> client.post()
			.uri("/models/v2/org/model")
			.bodyValue("{\"text\":\"hi\"}")
			.retrieve()
			.bodyToMono(String.class);
		return new Driver(call, inFlight);
	}

	private static Driver template(String url, int limit, int demand, RedisPermitStore store, String name) {
		return template(url, limit, demand, store, name, null);
	}

	private static Driver template(String url, int limit, int demand, RedisPermitStore store, String name,
			SimpleMeterRegistry meters) {
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("bench-key")
			.baseUrl(url)
			.webClientBuilder(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create(name, 64)))))
			.maxConcurrentRequests(limit)
			.maxPendingRequests(10_000)
			.permitStore(store)
			.meterRegistry(meters)
			.build();
		return new Driver(() -> template.run("org/model", BytezInput.text("hi")), demand);
	}

	/** One instance's load: {@code concurrency} calls outstanding at all times (closed loop). */
	record Driver(Supplier<Mono<?>> call, int concurrency) {
	}

	record Phase(long succeeded, long failed, long status429, double seconds) {
	}

	/** Warm-up then a measured phase, every driver started at the same instant. */
	record Phases(Duration warmup, Duration measure) {

		Phase run(PlanStandIn standIn, List<Driver> drivers) throws InterruptedException {
			standIn.awaitIdle();
			standIn.reset();
			LongAdder succeeded = new LongAdder();
			LongAdder failed = new LongAdder();
			AtomicInteger measuring = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			List<Disposable> running = new ArrayList<>();
			for (Driver driver : drivers) {
				running.add(Mono.fromRunnable(() -> awaitQuietly(start))
					.thenMany(Flux.range(0, Integer.MAX_VALUE)
						.flatMap((i) -> driver.call().get().then(Mono.fromRunnable(() -> {
							if (measuring.get() == 1) {
								succeeded.increment();
							}
						})).onErrorResume((ex) -> {
							if (measuring.get() == 1) {
								failed.increment();
							}
							return Mono.empty();
						}), driver.concurrency()))
					.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
					.subscribe());
			}
			start.countDown();
			Thread.sleep(this.warmup.toMillis());
			long limited = standIn.status429.sum();
			measuring.set(1);
			long began = System.nanoTime();
			Thread.sleep(this.measure.toMillis());
			measuring.set(2);
			double seconds = (System.nanoTime() - began) / 1e9;
			long status429 = standIn.status429.sum() - limited;
			running.forEach(Disposable::dispose);
			Thread.sleep(500);
			return new Phase(succeeded.sum(), failed.sum(), status429, seconds);
		}

		private static void awaitQuietly(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** The plan: at most {@code permits} calls in flight, each served in {@code service}, 429 beyond. */
	static final class PlanStandIn {

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final LongAdder status429 = new LongAdder();

		private final DisposableServer server;

		PlanStandIn(int permits, Duration service) {
			this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
				int now = this.inFlight.incrementAndGet();
				if (now > permits) {
					this.inFlight.decrementAndGet();
					this.status429.increment();
					return request.receive().then(response.status(429)
						.header("Content-Type", "application/json")
						.sendString(Mono.just(LIMITED))
						.then());
				}
				this.maxInFlight.accumulateAndGet(now, Math::max);
				java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
				Runnable leave = () -> {
					if (done.compareAndSet(false, true)) {
						this.inFlight.decrementAndGet();
					}
				};
				return request.receive()
					.then(Mono.delay(service))
					.then(Mono.defer(() -> {
						leave.run();
						return response.header("Content-Type", "application/json").sendString(Mono.just(OK)).then();
					}))
					.doFinally((signal) -> leave.run());
			}).bindNow();
		}

		void reset() {
			this.maxInFlight.set(0);
		}

		/** Wait (up to 5 s) until the previous row's cancelled calls have left the stand-in. */
		void awaitIdle() throws InterruptedException {
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		void close() {
			this.server.disposeNow();
		}

	}

}
