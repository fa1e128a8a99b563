package io.github.bytezspring.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How {@link BytezStubServer} delivers a streamed answer: into how many chunks (or chunks
 * of what size) it splits the body, and how long it pauses before each chunk.
 * <p>
 * Chunks are cut by bytes, so a multi-byte UTF-8 character may be split across two
 * chunks, as Bytez may do. For example
 * {@code StreamPacing.chunks(20).over(Duration.ofSeconds(2))} sends 20 chunks, one every
 * 100ms, and {@code StreamPacing.chunkSize(4).every(Duration.ofMillis(10))} sends 4 bytes
 * every 10ms.
 */
public final class StreamPacing {

	private final int chunks;

	private final int chunkSize;

	private final Duration pause;

	private final @Nullable Duration total;

	private StreamPacing(int chunks, int chunkSize, Duration pause, @Nullable Duration total) {
		this.chunks = chunks;
		this.chunkSize = chunkSize;
		this.pause = pause;
		this.total = total;
	}

	/**
	 * Split a body into a number of chunks (fewer when the body has fewer bytes), sent
	 * without pauses unless {@link #every} or {@link #over} says otherwise.
	 * @param count the number of chunks, at least 1
	 * @return the pacing
	 */
	public static StreamPacing chunks(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		return new StreamPacing(count, 0, Duration.ZERO, null);
	}

	/**
	 * Split a body into chunks of a number of bytes (the last one takes the rest), sent
	 * without pauses unless {@link #every} or {@link #over} says otherwise.
	 * @param bytes the size of a chunk, at least 1
	 * @return the pacing
	 */
	public static StreamPacing chunkSize(int bytes) {
		if (bytes < 1) {
			throw new IllegalArgumentException("bytes must be at least 1, not " + bytes);
		}
		return new StreamPacing(0, bytes, Duration.ZERO, null);
	}

	/**
	 * Pause before each chunk.
	 * @param pause the pause, zero or more (millisecond precision)
	 * @return a pacing with that pause
	 */
	public StreamPacing every(Duration pause) {
		return new StreamPacing(this.chunks, this.chunkSize, nonNegative(pause, "pause"), null);
	}

	/**
	 * Spread the chunks evenly over a time, pausing {@code total / chunks} before each.
	 * @param total the time from the request to the last chunk, zero or more
	 * @return a pacing spread over that time
	 */
	public StreamPacing over(Duration total) {
		return new StreamPacing(this.chunks, this.chunkSize, Duration.ZERO, nonNegative(total, "total"));
	}

	/**
	 * The number of chunks a body of some length is sent in.
	 * @param bodyLength the length in bytes
	 * @return at least 1
	 */
	int chunkCount(int bodyLength) {
		int count = (this.chunkSize > 0) ? (bodyLength + this.chunkSize - 1) / this.chunkSize : this.chunks;
		return Math.max(1, Math.min(count, Math.max(bodyLength, 1)));
	}

	/**
	 * How long sending a body of some length takes, as WireMock's chunked dribble delay
	 * wants it.
	 * @param bodyLength the length in bytes
	 * @return the time in milliseconds
	 */
	int totalMillis(int bodyLength) {
		if (this.total != null) {
			return Math.toIntExact(this.total.toMillis());
		}
		return Math.toIntExact(this.pause.toMillis() * chunkCount(bodyLength));
	}

	private static Duration nonNegative(Duration duration, String name) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be zero or more, not " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		String split = (this.chunkSize > 0) ? "chunkSize=" + this.chunkSize : "chunks=" + this.chunks;
		return "StreamPacing{" + split + ((this.total != null) ? ", over=" + this.total : ", every=" + this.pause)
				+ "}";
	}

}
