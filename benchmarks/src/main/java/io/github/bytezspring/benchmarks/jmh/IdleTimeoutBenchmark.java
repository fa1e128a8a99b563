package io.github.bytezspring.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A 50-element stream under an idle timeout of two minutes (bytez.stream-idle-timeout's
 * default): {@code Flux.timeout}, as BytezTemplate does it, against the
 * {@link IdleWatchdog} prototype and against no timeout at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdleTimeoutBenchmark {

	private static final Duration IDLE = Duration.ofMinutes(2);

	private final Integer[] elements = new Integer[50];

	/**
	 * Fill the stream, and check that the watchdog fails an idle stream and passes a busy
	 * one.
	 */
	@Setup
	public void setUp() {
		for (int i = 0; i < this.elements.length; i++) {
			this.elements[i] = i;
		}
		Throwable idle = IdleWatchdog.failWhenIdle(Flux.never(), Duration.ofMillis(50), Schedulers.parallel())
			.then(Mono.<Throwable>empty())
			.onErrorResume(Mono::just)
			.block(Duration.ofSeconds(5));
		if (!(idle instanceof TimeoutException)) {
			throw new IllegalStateException("an idle stream did not time out: " + idle);
		}
		Long busy = IdleWatchdog
			.failWhenIdle(Flux.interval(Duration.ofMillis(20)).take(10), Duration.ofMillis(100), Schedulers.parallel())
			.count()
			.block(Duration.ofSeconds(5));
		if (busy == null || busy != 10) {
			throw new IllegalStateException("a busy stream did not complete: " + busy);
		}
	}

	/**
	 * {@code Flux.timeout(Duration)}: a timer cancelled and scheduled per element.
	 * @return the count
	 */
	@Benchmark
	public Long fluxTimeout() {
		return Flux.fromArray(this.elements).timeout(IDLE).count().block();
	}

	/**
	 * The watchdog: one timer per idle period, a timestamp per element.
	 * @return the count
	 */
	@Benchmark
	public Long idleWatchdog() {
		return IdleWatchdog.failWhenIdle(Flux.fromArray(this.elements), IDLE, Schedulers.parallel()).count().block();
	}

	/**
	 * No idle timeout.
	 * @return the count
	 */
	@Benchmark
	public Long noTimeout() {
		return Flux.fromArray(this.elements).count().block();
	}

}
