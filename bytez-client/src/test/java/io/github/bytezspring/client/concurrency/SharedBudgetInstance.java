package io.github.bytezspring.client.concurrency;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;

import java.time.Duration;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

import reactor.core.publisher.Flux;

/**
 * One application instance in its own JVM, for {@link RedisPermitStoreProcessTests}: a
 * template sharing the budget through Redis that makes {@code calls} calls and prints
 * {@code DONE n}, or (calls = -1) takes every permit with calls that never end, prints
 * {@code HOLDING} and waits to be killed.
 * <p>
 * Arguments: redis-url, semaphore name, permits, lease millis, stub url, calls.
 */
public final class SharedBudgetInstance {

	private SharedBudgetInstance() {
	}

	public static void main(String[] args) {
		try {
			run(args);
		}
		catch (Throwable ex) {
			// Redisson's threads would keep the JVM alive: say why and leave
			ex.printStackTrace(System.out);
			System.out.flush();
			System.exit(1);
		}
	}

	private static void run(String[] args) throws Exception {
		String redisUrl = args[0];
		String name = args[1];
		int permits = Integer.parseInt(args[2]);
		Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
		String stubUrl = args[4];
		int calls = Integer.parseInt(args[5]);
		RedissonClient redisson = Redisson.create(RedisServer.config(redisUrl));
		RedisPermitStore store = RedisPermitStore.connect(redisson, name, permits, lease, Duration.ofSeconds(5));
		BytezTemplate template = BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(stubUrl)
			.maxConcurrentRequests(permits)
			.permitStore(store)
			.build();
		if (calls < 0) {
			Flux.range(0, permits).flatMap((i) -> template.run("org/model", BytezInput.text("hold " + i))).subscribe();
			System.out.println("HOLDING");
			System.out.flush();
			Thread.currentThread().join();
		}
		Long done = Flux.range(0, calls)
			.flatMap((i) -> template.run("org/model", BytezInput.text("call " + i)), permits * 3)
			.count()
			.block(Duration.ofSeconds(60));
		System.out.println("DONE " + done);
		System.out.flush();
		redisson.shutdown();
		System.exit(0);
	}

}
