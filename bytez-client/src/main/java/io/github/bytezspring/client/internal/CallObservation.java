package io.github.bytezspring.client.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.observation.Observation;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.client.retry.BytezRetryListener;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * The observation of one logical call while it runs: counts its attempts and stream chunks, and stops
 * exactly once with the outcome.
 */
public final class CallObservation {

	private final ClientInstrumentation instrumentation;

	private final Observation observation;

	private final BytezObservationContext context;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicLong chunks = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	CallObservation(ClientInstrumentation instrumentation, Observation observation, BytezObservationContext context) {
		this.instrumentation = instrumentation;
		this.observation = observation;
		this.context = context;
	}

	/** Make this observation the parent of what runs upstream, such as Boot's per-attempt observation. */
	Context putInto(Context reactorContext) {
		return reactorContext.put(ClientInstrumentation.OBSERVATION_KEY, this.observation);
	}

	void attemptStarted() {
		this.context.attemptStarted();
	}

	void status(int status) {
		this.context.setStatus(status);
	}

	/** Record the rate-limit and metering headers of an attempt's answer. */
	void answered(BytezCallMetadata metadata) {
		this.context.setMetadata(metadata);
		this.instrumentation.recordAnswer(this.context, metadata);
	}

	/** The rate-limit and metering headers of the latest answer, empty before one arrived. */
	public BytezCallMetadata metadata() {
		return this.context.getMetadata();
	}

	int attempts() {
		return this.context.getAttempts();
	}

	public void bytesReceived(int count) {
		this.bytes.addAndGet(count);
	}

	void chunkEmitted() {
		if (this.chunks.incrementAndGet() == 1) {
			this.instrumentation.recordFirstChunk(this.context, System.nanoTime() - this.startNanos);
		}
	}

	/** Count a retry of this call, tagged like every other meter of the call. */
	void retried(BytezRetryListener.Event event) {
		this.instrumentation.recordRetry(this.context, event);
	}

	void success() {
		stop(BytezOutcome.SUCCESS, null);
	}

	void streamCompleted() {
		if (!this.stopped.get()) {
			this.instrumentation.recordCompletedStream(this.context, this.chunks.get(), this.bytes.get());
		}
		success();
	}

	void failure(Throwable error) {
		stop(outcomeOf(error), error);
	}

	void cancelled() {
		stop(BytezOutcome.CANCELLED, null);
	}

	private void stop(BytezOutcome outcome, @Nullable Throwable error) {
		if (this.stopped.compareAndSet(false, true)) {
			this.instrumentation.callEnded();
			this.context.setOutcome(outcome);
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}
	}

	/**
	 * How a call that failed with {@code error} is observed; the same classification decides retries
	 * and tags the meters.
	 */
	public static BytezOutcome outcomeOf(Throwable error) {
		return FailureKind.of(error).outcome();
	}

}
