package io.github.bytezspring.client.internal;

import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Retries a call as {@link Flux#retryWhen} would, but sets the retry up only once the
 * first attempt has failed: {@code retryWhen} builds a multicast sink, its queue and the
 * spec's companion for every subscription, about 0.8 KB and half a microsecond per call
 * that never fails. Hand-written because Reactor offers no lazily armed
 * {@code retryWhen}.
 */
final class RetryAfterFailure {

	private RetryAfterFailure() {
	}

	/**
	 * The source, retried by the spec {@code retry} supplies once the first subscription
	 * fails: the spec sees that failure as its first signal (as it would under
	 * {@code retryWhen}), and each retry it allows subscribes to the source again.
	 * @param source the attempt, subscribed once per try
	 * @param retry the retry spec of the call, asked for only after a failure
	 * @param <T> the elements
	 * @return the retried source
	 */
	static <T> Flux<T> retry(Flux<T> source, Supplier<? extends Retry> retry) {
		return source.onErrorResume((firstFailure) -> Flux.defer(new Supplier<Flux<T>>() {

			private boolean replayed;

			@Override
			public Flux<T> get() {
				// the first subscription replays the failure that already happened, so
				// that the spec
				// counts it; every later one (a retry) is a new attempt
				if (!this.replayed) {
					this.replayed = true;
					return Flux.error(firstFailure);
				}
				return source;
			}

		}).retryWhen(retry.get()));
	}

}
