package io.github.bytezspring.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;

/**
 * Writes a stream of bytes to a file all or nothing: into a temporary file next to the
 * target, moved into place once the stream completes, deleted when it fails or is
 * cancelled.
 */
public final class MediaFiles {

	private MediaFiles() {
	}

	/**
	 * Write the content to {@code target}, which changes only when every byte has been
	 * written: until then the bytes go to a hidden temporary file in the target's folder,
	 * which then replaces the target (atomically where the file system can). If the
	 * content fails or the subscriber cancels, the temporary file is deleted and the
	 * target is left exactly as it was, or absent.
	 * @param content the bytes; the buffers are released once written
	 * @param target the file to create or replace
	 * @return completes once the target holds the content
	 * @throws IllegalArgumentException for a null argument or a target without a file
	 * name
	 */
	public static Mono<Void> write(Publisher<DataBuffer> content, Path target) {
		Assert.notNull(content, "content must not be null");
		Assert.notNull(target, "target must not be null");
		Path absolute = target.toAbsolutePath();
		Assert.isTrue(absolute.getFileName() != null && absolute.getParent() != null,
				() -> "target must name a file, not '" + target + "'");
		return Mono.usingWhen(Mono.fromCallable(() -> TemporaryFile.open(absolute)),
				(temporary) -> Flux.from(content)
					.map(MediaFiles::copyAndRelease)
					.concatMap(temporary::append, 1)
					// buffers still queued upstream when the stream fails or is cancelled
					.doOnDiscard(DataBuffer.class, DataBufferUtils::release)
					.then(Mono.fromCallable(() -> temporary.moveTo(absolute))),
				TemporaryFile::discard, (temporary, error) -> temporary.discard(), TemporaryFile::discard);
	}

	/**
	 * Copy the buffer's bytes and release it at once, so that no pooled buffer waits on
	 * the disk or outlives a cancellation.
	 */
	private static ByteBuffer copyAndRelease(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return ByteBuffer.wrap(bytes);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** A temporary file next to the target, open for writing. */
	private static final class TemporaryFile {

		private final Path path;

		private final AsynchronousFileChannel channel;

		/** Where the next bytes go; written by one append at a time. */
		private volatile long position;

		/**
		 * Set once the download failed or was cancelled: a write still in flight then
		 * ends silently.
		 */
		private volatile boolean discarded;

		private TemporaryFile(Path path, AsynchronousFileChannel channel) {
			this.path = path;
			this.channel = channel;
		}

		static TemporaryFile open(Path target) throws IOException {
			// created here rather than with Files.createTempFile so that it gets the
			// folder's default
			// permissions, as the target would
			String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
			Path path = target.resolveSibling("." + target.getFileName() + "." + suffix + ".part");
			return new TemporaryFile(path,
					AsynchronousFileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
		}

		/**
		 * Write the bytes after those written so far; called for one buffer at a time.
		 */
		Mono<Void> append(ByteBuffer bytes) {
			return Mono.create((sink) -> write(bytes, sink));
		}

		private void write(ByteBuffer bytes, MonoSink<Void> sink) {
			try {
				this.channel.write(bytes, this.position, null, new CompletionHandler<Integer, Void>() {

					@Override
					public void completed(Integer written, Void attachment) {
						TemporaryFile.this.position += written;
						if (TemporaryFile.this.discarded) {
							return;
						}
						if (bytes.hasRemaining()) {
							write(bytes, sink);
						}
						else {
							sink.success();
						}
					}

					@Override
					public void failed(Throwable ex, Void attachment) {
						if (!TemporaryFile.this.discarded) {
							sink.error(ex);
						}
					}

				});
			}
			catch (RuntimeException ex) {
				sink.error(ex);
			}
		}

		/**
		 * Close the file and move it onto the target, returning nothing (an empty
		 * {@code Mono}).
		 */
		Void moveTo(Path target) throws IOException {
			this.channel.close();
			try {
				Files.move(this.path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(this.path, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return null;
		}

		/** Close and delete the file; a no-op once it has been moved into place. */
		Mono<Void> discard() {
			return Mono.fromRunnable(() -> {
				this.discarded = true;
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					// deleted all the same
				}
				try {
					Files.deleteIfExists(this.path);
				}
				catch (IOException ex) {
					// nothing more can be done; the error that got us here is the one to
					// report
				}
			});
		}

	}

}
