package io.github.bytezspring.client.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting on a latch from a test that holds one thread up while another acts, failing
 * rather than hanging when the other never comes.
 */
final class Latches {

	private Latches() {
	}

	/**
	 * Wait at most five seconds for {@code latch} to open, and fail if it does not.
	 * @param latch the latch
	 */
	static void waitFor(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).as("latch opened within 5 s").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
