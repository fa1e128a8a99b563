package io.github.bytezspring.client.model;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Where the media of a chat content block comes from: a public URL that Bytez fetches, or
 * a file sent inline as a data URL (from bytes, a {@link Path} or a {@link Resource}),
 * e.g. {@code BytezContent.image(BytezMediaSource.file(Path.of("cat.jpg")))}.
 *
 * <p>
 * Files are read and encoded when the source is created, at most
 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} unless a factory is given another
 * bound; a larger file is rejected with an {@link IllegalArgumentException} before it is
 * read into memory.
 *
 * @param url the {@code http(s)} URL of media sent by URL, else {@code null}
 * @param dataUrl the data URL of media sent inline, else {@code null}
 */
public record BytezMediaSource(@Nullable String url, @Nullable String dataUrl) {

	/**
	 * Create a source, rejecting anything but exactly one of an {@code http(s)} URL and a
	 * data URL.
	 * @param url the URL of media sent by URL
	 * @param dataUrl the data URL of media sent inline
	 */
	public BytezMediaSource {
		Assert.isTrue((url == null) != (dataUrl == null), "a media source needs exactly one of url or dataUrl");
		if (url != null) {
			DataUrls.requireHttpUrl(url, "url");
		}
		else {
			DataUrls.requireDataUrl(dataUrl, "dataUrl");
		}
	}

	/**
	 * Media that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the source
	 */
	public static BytezMediaSource url(String url) {
		Assert.notNull(url, "url must not be null");
		return new BytezMediaSource(url, null);
	}

	/**
	 * Media that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the source
	 */
	public static BytezMediaSource url(URI url) {
		Assert.notNull(url, "url must not be null");
		return url(url.toString());
	}

	/**
	 * Media sent inline as a data URL that is already encoded.
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return the source
	 */
	public static BytezMediaSource dataUrl(String dataUrl) {
		Assert.notNull(dataUrl, "dataUrl must not be null");
		return new BytezMediaSource(null, dataUrl);
	}

	/**
	 * Media sent inline, encoded here as a data URL; at most
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 * @param content the file's bytes
	 * @param mediaType its media type, e.g. {@code image/png}
	 * @return the source
	 */
	public static BytezMediaSource bytes(byte[] content, MediaType mediaType) {
		return bytes(content, mediaType, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * Media sent inline, encoded here as a data URL, with an explicit size bound.
	 * @param content the file's bytes
	 * @param mediaType its media type, e.g. {@code image/png}
	 * @param maxSize the largest content accepted
	 * @return the source
	 */
	public static BytezMediaSource bytes(byte[] content, MediaType mediaType, DataSize maxSize) {
		return dataUrl(DataUrls.encode(content, mediaType, maxSize));
	}

	/**
	 * A file sent inline as a data URL, its media type guessed from its name; a file
	 * larger than {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected before it
	 * is read.
	 * @param file the file
	 * @return the source
	 */
	public static BytezMediaSource file(Path file) {
		return file(file, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * A file sent inline as a data URL, its media type guessed from its name; a file
	 * larger than {@code maxSize} is rejected before it is read.
	 * @param file the file
	 * @param maxSize the largest file accepted
	 * @return the source
	 */
	public static BytezMediaSource file(Path file, DataSize maxSize) {
		return dataUrl(DataUrls.read(file, maxSize));
	}

	/**
	 * A Spring {@link Resource} sent inline as a data URL, its media type guessed from
	 * its file name; a resource larger than
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the file
	 * @return the source
	 */
	public static BytezMediaSource resource(Resource resource) {
		return dataUrl(DataUrls.read(resource, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE));
	}

	/**
	 * A Spring {@link Resource} sent inline as a data URL, its media type guessed from
	 * its file name; a resource larger than {@code maxSize} is rejected, before it is
	 * read when its length is known.
	 * @param resource the file
	 * @param maxSize the largest resource accepted
	 * @return the source
	 */
	public static BytezMediaSource resource(Resource resource, DataSize maxSize) {
		return dataUrl(DataUrls.read(resource, maxSize));
	}

	/**
	 * A Spring {@link Resource} sent inline as a data URL; a resource larger than
	 * {@code maxSize} is rejected, before it is read when its length is known.
	 * @param resource the file
	 * @param mediaType its media type
	 * @param maxSize the largest resource accepted
	 * @return the source
	 */
	public static BytezMediaSource resource(Resource resource, MediaType mediaType, DataSize maxSize) {
		return dataUrl(DataUrls.read(resource, mediaType, maxSize));
	}

	/**
	 * The decoded size of the media this source sends inline.
	 * @return the bytes, 0 for a URL
	 */
	long inlineMediaSize() {
		return (this.dataUrl != null) ? DataUrls.decodedSize(this.dataUrl) : 0;
	}

	@Override
	public String toString() {
		return (this.dataUrl != null) ? "BytezMediaSource{dataUrl=" + this.dataUrl.length() + " chars}"
				: "BytezMediaSource{url=" + this.url + "}";
	}

}
