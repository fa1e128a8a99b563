package io.github.bytezspring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A loopback stand-in for a Bytez plan: at most {@code permits} calls in flight, each
 * answered after {@code service}, HTTP 429 beyond. It also measures the hand-over: how
 * long a freed slot stays empty until the next call arrives (the client side's release,
 * permit hand-over and sending, all together).
 */
final class PlanStandIn implements AutoCloseable {

	private static final String OK = "{\"error\":null,\"output\":\"ok\"}";

	private static final String LIMITED = "{\"error\":\"Rate limit exceeded\",\"output\":null}";

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicInteger maxInFlight = new AtomicInteger();

	final LongAdder status429 = new LongAdder();

	final LongAdder served = new LongAdder();

	private final ConcurrentLinkedQueue<Long> freedAt = new ConcurrentLinkedQueue<>();

	private final List<Long> handOvers = new ArrayList<>();

	private volatile long windowStart = Long.MAX_VALUE;

	private volatile long windowEnd = Long.MIN_VALUE;

	private final DisposableServer server;

	PlanStandIn(int permits, Duration service) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			int now = this.inFlight.incrementAndGet();
			if (now > permits) {
				this.inFlight.decrementAndGet();
				if (inWindow()) {
					this.status429.increment();
				}
				return request.receive()
					.then(response.status(429)
						.header("Content-Type", "application/json")
						.sendString(Mono.just(LIMITED))
						.then());
			}
			Long freed = this.freedAt.poll();
			if (freed != null && inWindow()) {
				long gap = System.nanoTime() - freed;
				synchronized (this.handOvers) {
					this.handOvers.add(gap);
				}
			}
			this.maxInFlight.accumulateAndGet(now, Math::max);
			AtomicBoolean done = new AtomicBoolean();
			Runnable leave = () -> {
				if (done.compareAndSet(false, true)) {
					if (inWindow()) {
						this.served.increment();
					}
					this.freedAt.add(System.nanoTime());
					this.inFlight.decrementAndGet();
				}
			};
			return request.receive().then(Mono.delay(service)).then(Mono.defer(() -> {
				leave.run();
				return response.header("Content-Type", "application/json").sendString(Mono.just(OK)).then();
			})).doFinally((signal) -> leave.run());
		}).bindNow();
	}

	private boolean inWindow() {
		long now = System.currentTimeMillis();
		return now >= this.windowStart && now < this.windowEnd;
	}

	/**
	 * Count from {@code start} (epoch millis) for {@code length}, forgetting the previous
	 * row.
	 */
	void window(long start, Duration length) {
		this.windowStart = Long.MAX_VALUE;
		this.status429.reset();
		this.served.reset();
		this.maxInFlight.set(0);
		this.freedAt.clear();
		synchronized (this.handOvers) {
			this.handOvers.clear();
		}
		this.windowEnd = start + length.toMillis();
		this.windowStart = start;
	}

	/**
	 * The hand-over times seen in the window, in milliseconds: p50 and p99.
	 */
	double[] handOverMillis() {
		long[] gaps;
		synchronized (this.handOvers) {
			gaps = this.handOvers.stream().mapToLong(Long::longValue).toArray();
		}
		if (gaps.length == 0) {
			return new double[] { Double.NaN, Double.NaN };
		}
		Arrays.sort(gaps);
		return new double[] { gaps[gaps.length / 2] / 1e6,
				gaps[Math.min(gaps.length - 1, gaps.length * 99 / 100)] / 1e6 };
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
