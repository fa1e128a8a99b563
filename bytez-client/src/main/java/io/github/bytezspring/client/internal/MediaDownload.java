package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezMedia;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a streamed media answer to a file and describes what was written.
 */
public final class MediaDownload {

	private final CallPipeline pipeline;

	private final ResponseBodies bodies;

	public MediaDownload(CallPipeline pipeline, ResponseBodies bodies) {
		this.pipeline = pipeline;
		this.bodies = bodies;
	}

	/**
	 * Stream a media call's answer into a file.
	 * @param request the media call
	 * @param target the file
	 * @return the media written, once the file is complete
	 */
	public Mono<BytezMedia> writeTo(BytezRequest request, Path target) {
		return Mono.defer(() -> {
			AtomicReference<MediaType> contentType = new AtomicReference<>(MediaType.APPLICATION_OCTET_STREAM);
			AtomicLong size = new AtomicLong();
			Flux<DataBuffer> media = this.pipeline
				.exchange(request, new MediaStreamReader(this.bodies, contentType::set))
				.doOnNext((buffer) -> size.addAndGet(buffer.readableByteCount()));
			return MediaFiles.write(media, target)
				.then(Mono
					.fromSupplier(() -> new BytezMedia(Objects.requireNonNull(contentType.get()), target, size.get())));
		});
	}

}
