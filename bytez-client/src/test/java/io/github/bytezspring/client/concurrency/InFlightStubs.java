package io.github.bytezspring.client.concurrency;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link InFlightStub} per test, started by the test with the delay it needs and
 * stopped after it: register with
 * {@code @RegisterExtension final InFlightStubs stub = new InFlightStubs();} and call
 * {@link #start(Duration)}.
 */
public final class InFlightStubs implements AfterEachCallback {

	private @Nullable InFlightStub current;

	/**
	 * Stubs whose first is started at once, for a test class whose fields need its URL.
	 * @param delay how long each answer takes
	 * @return the extension, to register with {@code @RegisterExtension}
	 */
	public static InFlightStubs started(Duration delay) {
		InFlightStubs stubs = new InFlightStubs();
		stubs.start(delay);
		return stubs;
	}

	/**
	 * Start this test's stub, stopping one it started before.
	 * @param delay how long each answer takes
	 */
	public void start(Duration delay) {
		stop();
		this.current = new InFlightStub(delay);
	}

	public boolean isStarted() {
		return this.current != null;
	}

	public String url() {
		return stub().url();
	}

	public int inFlight() {
		return stub().inFlight();
	}

	public int maxInFlight() {
		return stub().maxInFlight();
	}

	public long requests() {
		return stub().requests();
	}

	/**
	 * Forget the most seen in flight and the requests so far, e.g. after a fault.
	 */
	public void reset() {
		stub().reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stop();
	}

	private InFlightStub stub() {
		if (this.current == null) {
			throw new IllegalStateException("no stub started: call start(delay) first");
		}
		return this.current;
	}

	private void stop() {
		if (this.current != null) {
			this.current.close();
			this.current = null;
		}
	}

}
