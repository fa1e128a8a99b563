package io.github.bytezspring.client.internal;

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
 * Fails a stream with a {@link TimeoutException} when nothing arrives for the idle
 * period, with one timer per idle period rather than one per element as
 * {@code Flux.timeout} schedules (the benchmarks measured that at a fifth of a 50-chunk
 * stream's cost).
 * <p>
 * Each element only records when it arrived; the timer, when it fires, either fails the
 * stream or re-arms itself for the rest of the period.
 */
final class StreamIdleTimeout {

	private StreamIdleTimeout() {
	}

	static <T> Flux<T> failWhenIdle(Flux<T> source, Duration idle, Scheduler timer) {
		long idleNanos = idle.toNanos();
		return Flux.defer(() -> {
			AtomicLong lastArrival = new AtomicLong(timer.now(TimeUnit.NANOSECONDS));
			Sinks.Empty<Void> expired = Sinks.empty();
			Disposable.Swap armed = Disposables.swap();
			Runnable check = new Runnable() {

				@Override
				public void run() {
					long quiet = timer.now(TimeUnit.NANOSECONDS) - lastArrival.get();
					if (quiet >= idleNanos) {
						expired.tryEmitError(new TimeoutException("nothing arrived for " + idle));
					}
					else {
						armed.update(timer.schedule(this, idleNanos - quiet, TimeUnit.NANOSECONDS));
					}
				}

			};
			armed.update(timer.schedule(check, idleNanos, TimeUnit.NANOSECONDS));
			return source.doOnNext((element) -> lastArrival.lazySet(timer.now(TimeUnit.NANOSECONDS)))
				.doFinally((signal) -> {
					armed.dispose();
					expired.tryEmitEmpty();
				})
				.mergeWith(expired.asMono().then(Mono.<T>empty()));
		});
	}

}
