package io.github.bytezspring.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;

/**
 * A JDK Flight Recording of the measured phase only (not start-up or warm-up): CPU
 * samples every millisecond, allocation samples and GC pauses, written to a file when
 * closed.
 */
final class Profile implements AutoCloseable {

	private final Recording recording;

	private final Path file;

	private Profile(Recording recording, Path file) {
		this.recording = recording;
		this.file = file;
	}

	/**
	 * Start recording, or do nothing when no file is given.
	 */
	static Profile start(String file) {
		if (file == null) {
			return new Profile(null, null);
		}
		Recording recording = new Recording();
		recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)).withStackTrace();
		recording.enable("jdk.ObjectAllocationSample").with("throttle", "500/s").withStackTrace();
		recording.enable("jdk.GarbageCollection");
		recording.start();
		return new Profile(recording, Path.of(file));
	}

	@Override
	public void close() {
		if (this.recording == null) {
			return;
		}
		try {
			this.recording.stop();
			this.recording.dump(this.file);
			this.recording.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
