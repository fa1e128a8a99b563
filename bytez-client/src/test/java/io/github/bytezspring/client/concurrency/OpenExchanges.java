package io.github.bytezspring.client.concurrency;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * Counts the exchanges a client has open, from when a request is sent until its answer's
 * body ends, fails or is cancelled, remembering the most seen at once: what a permit
 * guards, seen from the client. (A stub counting at the server also sees cancelled
 * requests whose connection has not closed yet.)
 */
final class OpenExchanges implements ExchangeFilterFunction {

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger max = new AtomicInteger();

	private final AtomicInteger opened = new AtomicInteger();

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			AtomicBoolean closed = new AtomicBoolean();
			Runnable close = () -> {
				if (closed.compareAndSet(false, true)) {
					this.open.decrementAndGet();
				}
			};
			this.opened.incrementAndGet();
			this.max.accumulateAndGet(this.open.incrementAndGet(), Math::max);
			// closed as the end or cancellation reaches this filter, before it goes on
			return next.exchange(request)
				.map((response) -> response.mutate()
					.body((body) -> body.doOnTerminate(close).doOnCancel(close))
					.build())
				.doOnError((ex) -> close.run())
				.doOnCancel(close);
		});
	}

	int open() {
		return this.open.get();
	}

	int max() {
		return this.max.get();
	}

	int opened() {
		return this.opened.get();
	}

}
