package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezCallSummary;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezObservationContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import reactor.util.context.Context;

/**
 * The record of one logical call, built while it runs (one per call, whatever its
 * retries): the pipeline notes its attempts, each answer's status and headers and the
 * timings, readers note the bytes and token usage they parsed, and {@link CallRecorder}
 * records it once the call has ended.
 * <p>
 * A call's signals are serial (Reactive Streams), so the fields are plain volatile values
 * written by one thread at a time; only the end is raced (completion against
 * cancellation) and decided once.
 */
public final class CallRecord {

	private static final AtomicIntegerFieldUpdater<CallRecord> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(CallRecord.class, "ended");

	private final BytezOperation operation;

	private final @Nullable String modelId;

	private final boolean streamed;

	private final long startNanos;

	private final BytezObservationContext context;

	private final Observation observation;

	private final @Nullable BytezCallListener callListener;

	private volatile int attempts;

	private volatile int status;

	private volatile BytezCallMetadata metadata = BytezCallMetadata.empty();

	private volatile BytezTokenUsage usage = BytezTokenUsage.empty();

	private volatile long headersNanos = -1;

	private volatile long firstChunkNanos = -1;

	private volatile long chunks;

	private volatile long bytes;

	private volatile int ended;

	// the tags of the call's meters, made once when first needed
	private volatile String @Nullable [] tags;

	CallRecord(BytezOperation operation, @Nullable String modelId, boolean streamed, long startNanos,
			BytezObservationContext context, Observation observation, @Nullable BytezCallListener callListener) {
		this.operation = operation;
		this.modelId = modelId;
		this.streamed = streamed;
		this.startNanos = startNanos;
		this.context = context;
		this.observation = observation;
		this.callListener = callListener;
	}

	/**
	 * Make the call's observation the parent of what runs upstream, such as Boot's
	 * per-attempt observation.
	 */
	Context putInto(Context reactorContext) {
		return reactorContext.put(CallRecorder.OBSERVATION_KEY, this.observation);
	}

	void attemptStarted() {
		this.attempts++;
	}

	/** An attempt's answer arrived: its status and rate-limit and metering headers. */
	void answered(int status, BytezCallMetadata metadata) {
		this.headersNanos = System.nanoTime() - this.startNanos;
		this.status = status;
		this.metadata = metadata;
	}

	/**
	 * Note the token usage a reader parsed: a count reported again replaces the earlier
	 * one (streams that report running totals), and counts reported apart are kept
	 * together (input at the start of a stream, output at its end).
	 * @param reported what the answer or a chunk reported
	 */
	public void usage(BytezTokenUsage reported) {
		if (reported.isEmpty()) {
			return;
		}
		BytezTokenUsage current = this.usage;
		if (current.isEmpty()) {
			this.usage = reported;
			return;
		}
		Integer input = (reported.input() != null) ? reported.input() : current.input();
		Integer output = (reported.output() != null) ? reported.output() : current.output();
		Integer total = reported.total();
		if (total == null) {
			total = (input != null && output != null && (long) input + output <= Integer.MAX_VALUE)
					? Integer.valueOf(input + output) : current.total();
		}
		this.usage = new BytezTokenUsage(input, output, total);
	}

	/**
	 * Note bytes a reader received.
	 * @param count how many
	 */
	public void bytesReceived(int count) {
		this.bytes += count;
	}

	void chunkEmitted() {
		if (this.chunks++ == 0) {
			this.firstChunkNanos = System.nanoTime() - this.startNanos;
		}
	}

	/** Decide the end once: whether this is the first of the call's ends. */
	boolean end() {
		return ENDED.compareAndSet(this, 0, 1);
	}

	/**
	 * The public part of the record so far, for the value the call answers with.
	 * @return the summary
	 */
	public BytezCallSummary summary() {
		long headers = this.headersNanos;
		return new BytezCallSummary(this.operation, this.modelId, this.attempts, this.status, this.metadata, this.usage,
				Duration.ofNanos(Math.max(0, headers)), Duration.ofNanos(System.nanoTime() - this.startNanos));
	}

	/**
	 * The rate-limit and metering headers of the latest answer, empty before one arrived.
	 * @return the metadata
	 */
	public BytezCallMetadata metadata() {
		return this.metadata;
	}

	BytezOperation operation() {
		return this.operation;
	}

	@Nullable String modelId() {
		return this.modelId;
	}

	boolean streamed() {
		return this.streamed;
	}

	int attempts() {
		return this.attempts;
	}

	int status() {
		return this.status;
	}

	BytezTokenUsage usage() {
		return this.usage;
	}

	long firstChunkNanos() {
		return this.firstChunkNanos;
	}

	long chunks() {
		return this.chunks;
	}

	long bytes() {
		return this.bytes;
	}

	BytezObservationContext context() {
		return this.context;
	}

	Observation observation() {
		return this.observation;
	}

	@Nullable BytezCallListener callListener() {
		return this.callListener;
	}

	String @Nullable [] tags() {
		return this.tags;
	}

	void tags(String[] tags) {
		this.tags = tags;
	}

}
