package io.github.bytezspring.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import reactor.core.publisher.Mono;

/**
 * Keeps a fixed number of calls in flight until a count is done, starting the next call
 * when one ends; unlike {@code Flux.flatMap}, whose merge loop scans every inner
 * subscriber, its cost per call does not grow with the concurrency (10,000 streams at
 * once).
 */
final class Launcher {

	private final int calls;

	private final IntFunction<Mono<?>> call;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger pendingStarts = new AtomicInteger();

	private final AtomicInteger wip = new AtomicInteger();

	private final CountDownLatch done;

	private Launcher(int calls, IntFunction<Mono<?>> call) {
		this.calls = calls;
		this.call = call;
		this.done = new CountDownLatch(calls);
	}

	/**
	 * Make {@code calls} calls, at most {@code concurrency} at a time, and wait for all
	 * of them.
	 * @param calls how many calls
	 * @param concurrency how many at once
	 * @param call the i-th call; must not fail (map failures to an empty result)
	 * @param limit the longest wait
	 * @throws IllegalStateException when the calls did not finish in time
	 */
	static void run(int calls, int concurrency, IntFunction<Mono<?>> call, Duration limit) {
		Launcher launcher = new Launcher(calls, call);
		for (int i = 0; i < Math.min(calls, concurrency); i++) {
			launcher.startOne();
		}
		try {
			if (!launcher.done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(
						launcher.done.getCount() + " of " + calls + " calls did not finish within " + limit);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the next call; a call that ends at once, on this thread, does not start its
	 * successor recursively but leaves it to the loop here (no stack growth).
	 */
	private void startOne() {
		this.pendingStarts.incrementAndGet();
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			while (this.pendingStarts.get() > 0) {
				this.pendingStarts.decrementAndGet();
				int i = this.next.getAndIncrement();
				if (i < this.calls) {
					this.call.apply(i).subscribe(null, (ex) -> finished(), this::finished);
				}
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void finished() {
		this.done.countDown();
		startOne();
	}

}
