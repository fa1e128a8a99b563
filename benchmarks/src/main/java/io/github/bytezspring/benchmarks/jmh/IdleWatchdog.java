package io.github.bytezspring.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * A prototype of the stream idle timeout proposed for BytezTemplate in RESULTS.md: fails
 * a stream with a {@link TimeoutException} when no element arrives for the idle period,
 * with one timer per idle period instead of {@code Flux.timeout}'s one per element.
 */
public final class IdleWatchdog {

	private IdleWatchdog() {
	}

	/**
	 * Fail {@code source} when it emits nothing for {@code idle}, counted from
	 * subscription.
	 * @param <T> the element type
	 * @param source the stream
	 * @param idle the longest allowed gap
	 * @param timer where the check runs
	 * @return the guarded stream
	 */
	public static <T> Flux<T> failWhenIdle(Flux<T> source, Duration idle, Scheduler timer) {
		long idleNanos = idle.toNanos();
		return Flux.defer(() -> {
			AtomicLong lastSignal = new AtomicLong(System.nanoTime());
			Sinks.Empty<Void> expired = Sinks.empty();
			Disposable.Swap armed = Disposables.swap();
			Runnable check = new Runnable() {

				@Override
				public void run() {
					long quiet = System.nanoTime() - lastSignal.get();
					if (quiet >= idleNanos) {
						expired.tryEmitError(new TimeoutException("nothing arrived for " + idle));
					}
					else {
						armed.update(timer.schedule(this, idleNanos - quiet, TimeUnit.NANOSECONDS));
					}
				}

			};
			armed.update(timer.schedule(check, idleNanos, TimeUnit.NANOSECONDS));
			return source.doOnNext((item) -> lastSignal.lazySet(System.nanoTime())).doFinally((signal) -> {
				armed.dispose();
				expired.tryEmitEmpty();
			}).mergeWith(expired.asMono().then(Mono.<T>empty()));
		});
	}

}
