package io.github.bytezspring.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One instance of a fleet, in its own JVM, started by {@link FleetMain}: a Boot
 * application with the starter (and Redisson, when the budget is shared), or a bare
 * {@code WebClient} for the ceiling. It prints {@code READY}, waits for
 * {@code GO <epoch-millis>} on its standard input (one common start for every instance of
 * a row), keeps {@code demand} calls outstanding, and prints one {@code RESULT} line with
 * the calls that succeeded and failed in the measured window.
 * <p>
 * Arguments ({@code name=value}): {@code standin}, {@code mode} (starter or bare),
 * {@code limit}, {@code store} (local or redis), {@code redis-url}, {@code name},
 * {@code demand}, {@code warmup-ms}, {@code measure-ms}, {@code warm-calls} (made one at
 * a time before {@code READY}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class FleetInstanceMain {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] kv = arg.split("=", 2);
			options.put(kv[0], kv[1]);
		}
		String standIn = options.get("standin");
		int demand = Integer.parseInt(options.get("demand"));
		long warmup = Long.parseLong(options.get("warmup-ms"));
		long measure = Long.parseLong(options.get("measure-ms"));
		ConfigurableApplicationContext context = null;
		Supplier<Mono<?>> call;
		if ("bare".equals(options.get("mode"))) {
			WebClient client = WebClient.builder().baseUrl(standIn).build();
			call = () -> client.post()
				.uri("/models/v2/org/model")
				.bodyValue("{\"text\":\"hi\"}")
				.retrieve()
				.bodyToMono(String.class);
		}
		else {
			Map<String, Object> properties = new HashMap<>();
			properties.put("bytez.api-key", "fleet-bench-key");
			properties.put("bytez.base-url", standIn);
			properties.put("bytez.max-concurrent-requests", options.get("limit"));
			properties.put("bytez.max-pending-requests", "10000");
			properties.put("bytez.concurrency.store", options.getOrDefault("store", "local"));
			if (options.containsKey("redis-url")) {
				properties.put("bytez.concurrency.redis.url", options.get("redis-url"));
				properties.put("bytez.concurrency.name", options.get("name"));
			}
			properties.put("logging.level.root", "WARN");
			properties.put("logging.level.io.github.bytezspring", "ERROR");
			SpringApplication application = new SpringApplication(FleetInstanceMain.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setBannerMode(Banner.Mode.OFF);
			application.setLogStartupInfo(false);
			application.setDefaultProperties(properties);
			context = application.run();
			BytezOperations bytez = context.getBean(BytezOperations.class);
			call = () -> bytez.run("org/model", BytezInput.text("hi"));
		}
		// warm the JVM up (class loading, JIT) before the common start, one call at a
		// time, so that no row
		// measures an instance's first calls; the stand-in counts nothing outside the
		// measured window
		Flux.range(0, Integer.parseInt(options.getOrDefault("warm-calls", "300")))
			.concatMap((i) -> call.get().onErrorResume((ex) -> Mono.empty()))
			.blockLast(Duration.ofMinutes(3));
		System.out.println("READY");
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String go = in.readLine();
		long start = Long.parseLong(go.substring("GO ".length()));
		long from = start + warmup;
		long to = from + measure;
		LongAdder succeeded = new LongAdder();
		LongAdder failed = new LongAdder();
		AtomicBoolean stopped = new AtomicBoolean();
		Thread.sleep(Math.max(0, start - System.currentTimeMillis()));
		Supplier<Mono<?>> measured = call;
		Disposable running = Flux.range(0, Integer.MAX_VALUE)
			.takeWhile((i) -> !stopped.get())
			.flatMap((i) -> measured.get()
				.then(Mono.fromRunnable(() -> count(succeeded, from, to)))
				.onErrorResume((ex) -> {
					count(failed, from, to);
					return Mono.empty();
				}), demand)
			.subscribe();
		Thread.sleep(Math.max(0, to - System.currentTimeMillis()));
		stopped.set(true);
		running.dispose();
		System.out.println("RESULT " + succeeded.sum() + " " + failed.sum());
		System.out.flush();
		if (context != null) {
			context.close();
		}
		System.exit(0);
	}

	private static void count(LongAdder counter, long from, long to) {
		long now = System.currentTimeMillis();
		if (now >= from && now < to) {
			counter.increment();
		}
	}

}
