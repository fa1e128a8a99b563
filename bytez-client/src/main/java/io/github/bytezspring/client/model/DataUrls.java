package io.github.bytezspring.client.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Turns bytes, files and resources into {@code data:} URLs, refusing media larger than a
 * bound before reading them into memory.
 */
final class DataUrls {

	/** The largest bound accepted: its data URL must still fit in a Java string. */
	private static final DataSize MAX_BOUND = DataSize.ofGigabytes(1);

	private static final String BASE64_MARKER = ";base64,";

	private DataUrls() {
	}

	static String encode(byte[] content, MediaType mediaType, DataSize maxSize) {
		Assert.notNull(content, "content must not be null");
		requireMediaType(mediaType);
		checkSize(content.length, bytes(maxSize), "content");
		return "data:" + mediaType.getType() + "/" + mediaType.getSubtype() + BASE64_MARKER
				+ Base64.getEncoder().encodeToString(content);
	}

	static String read(Path file, DataSize maxSize) {
		return read(file, guess(file), maxSize);
	}

	static String read(Path file, MediaType mediaType, DataSize maxSize) {
		Assert.notNull(file, "file must not be null");
		requireMediaType(mediaType);
		long max = bytes(maxSize);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("file '" + file + "' is not a readable regular file");
		}
		try {
			checkSize(Files.size(file), max, "file '" + file + "'");
			try (InputStream in = Files.newInputStream(file)) {
				return encode(readAtMost(in, max, "file '" + file + "'"), mediaType, maxSize);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read file " + file, ex);
		}
	}

	static String read(Resource resource, DataSize maxSize) {
		return read(resource, guess(resource), maxSize);
	}

	static String read(Resource resource, MediaType mediaType, DataSize maxSize) {
		Assert.notNull(resource, "resource must not be null");
		requireMediaType(mediaType);
		long max = bytes(maxSize);
		String name = "resource " + resource.getDescription();
		try {
			if (!resource.isOpen()) {
				// an open resource (a stream) can be read once only, so only its bounded
				// read below checks it
				checkSize(resource.contentLength(), max, name);
			}
			try (InputStream in = resource.getInputStream()) {
				return encode(readAtMost(in, max, name), mediaType, maxSize);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + name, ex);
		}
	}

	/**
	 * The decoded size of a data URL's content, computed from its base64 length without
	 * decoding it.
	 */
	static long decodedSize(String dataUrl) {
		int start = dataUrl.indexOf(BASE64_MARKER);
		if (start < 0) {
			return 0;
		}
		int length = dataUrl.length() - start - BASE64_MARKER.length();
		int padding = 0;
		for (int i = dataUrl.length() - 1; i >= dataUrl.length() - 2 && i >= 0 && dataUrl.charAt(i) == '='; i--) {
			padding++;
		}
		return Math.max(0, (long) length / 4 * 3 + (length % 4) * 3 / 4 - padding);
	}

	static String requireDataUrl(@Nullable String value, String name) {
		Assert.notNull(value, () -> name + " must not be null");
		if (!value.startsWith("data:") || !value.contains(BASE64_MARKER)) {
			throw new IllegalArgumentException(name + " must be a data URL such as 'data:image/png;base64,...', not '"
					+ abbreviate(value) + "'; use a factory that takes bytes, a Path or a Resource to encode a file");
		}
		return value;
	}

	static String requireHttpUrl(@Nullable String value, String name) {
		Assert.notNull(value, () -> name + " must not be null");
		if (!value.startsWith("http://") && !value.startsWith("https://")) {
			throw new IllegalArgumentException(name + " must be an absolute http or https URL, not '"
					+ abbreviate(value) + "'; send file contents inline (base64) instead");
		}
		return value;
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
	}

	static long bytes(@Nullable DataSize maxSize) {
		Assert.notNull(maxSize, "maxSize must not be null");
		long bytes = maxSize.toBytes();
		if (bytes <= 0 || bytes > MAX_BOUND.toBytes()) {
			throw new IllegalArgumentException(
					"maxSize must be between 1B and " + MAX_BOUND.toMegabytes() + "MB, was " + maxSize);
		}
		return bytes;
	}

	static String describe(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1fMB (%d bytes)", bytes / (1024.0 * 1024), bytes);
		}
		return bytes + " bytes";
	}

	private static void checkSize(long size, long max, String what) {
		if (size > max) {
			throw new IllegalArgumentException(what + " is " + describe(size) + ", more than the " + describe(max)
					+ " allowed inline; send it by URL instead, or pass a larger maxSize");
		}
	}

	private static byte[] readAtMost(InputStream in, long max, String what) throws IOException {
		byte[] content = in.readNBytes((int) max + 1);
		if (content.length > max) {
			throw new IllegalArgumentException(what + " is more than the " + describe(max)
					+ " allowed inline; send it by URL instead, or pass a larger maxSize");
		}
		return content;
	}

	private static MediaType guess(@Nullable Path file) {
		Assert.notNull(file, "file must not be null");
		Path fileName = file.getFileName();
		return MediaTypeFactory.getMediaType((fileName != null) ? fileName.toString() : "")
			.orElseThrow(() -> new IllegalArgumentException("the media type of file '" + file
					+ "' cannot be guessed from its name; pass the media type explicitly"));
	}

	private static MediaType guess(@Nullable Resource resource) {
		Assert.notNull(resource, "resource must not be null");
		return MediaTypeFactory.getMediaType(resource)
			.orElseThrow(() -> new IllegalArgumentException("the media type of resource '" + resource.getFilename()
					+ "' cannot be guessed from its name; pass the media type explicitly"));
	}

	private static void requireMediaType(@Nullable MediaType mediaType) {
		Assert.notNull(mediaType, "mediaType must not be null");
	}

}
