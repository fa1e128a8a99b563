package io.github.bytezspring.client.concurrency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.Unpooled;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A loopback stand-in for Bytez that answers every call after a delay and counts the
 * calls in flight, remembering the most seen at once.
 */
public final class InFlightStub implements AutoCloseable {

	private static final byte[] OK = "{\"error\":null,\"output\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final LongAdder requests = new LongAdder();

	private final DisposableServer server;

	public InFlightStub(Duration delay) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.requests.increment();
			this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			// out of flight before the answer leaves, so a caller's next call never
			// overlaps this one
			AtomicBoolean done = new AtomicBoolean();
			Runnable leave = () -> {
				if (done.compareAndSet(false, true)) {
					this.inFlight.decrementAndGet();
				}
			};
			return request.receive().then(Mono.delay(delay)).then(Mono.defer(() -> {
				leave.run();
				// a wrapped heap buffer, not one from the pooled allocator: when a caller
				// cancels just as the
				// answer leaves (the cancellation tests do, hundreds of times), Reactor
				// Netty may drop it
				// unreleased, which paranoid leak detection would report against the
				// client
				return response.header("Content-Type", "application/json")
					.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(OK)))
					.then();
			})).doFinally((signal) -> leave.run());
		}).bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * Forget the most seen in flight and the requests so far, e.g. after a fault.
	 */
	public void reset() {
		this.maxInFlight.set(this.inFlight.get());
		this.requests.reset();
	}

	public long requests() {
		return this.requests.sum();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
