package io.github.bytezspring.client.model;

import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/**
 * One block of a chat message's content: a text, or an image, audio or video given by URL or inline as
 * a data URL, e.g. {@code BytezMessage.user(BytezContent.text("What is this?"), BytezContent.imageUrl(url))}.
 *
 * @param type what the block holds
 * @param text the text of a {@link Type#TEXT} block, else {@code null}
 * @param url the URL of a media block sent by URL, else {@code null}
 * @param base64 the data URL of a media block sent inline, else {@code null}
 */
public record BytezContent(Type type, String text, String url, String base64) {

	/**
	 * Create a block, rejecting a combination Bytez does not accept: a text block holds text only, a
	 * media block exactly one of an {@code http(s)} URL or a data URL.
	 * @param type what the block holds
	 * @param text the text of a text block
	 * @param url the URL of a media block
	 * @param base64 the data URL of a media block
	 */
	public BytezContent {
		if (type == null) {
			throw new IllegalArgumentException("content type must not be null");
		}
		if (type == Type.TEXT) {
			if (text == null) {
				throw new IllegalArgumentException("text must not be null");
			}
			if (url != null || base64 != null) {
				throw new IllegalArgumentException("a text block holds no url or base64");
			}
		}
		else {
			if (text != null) {
				throw new IllegalArgumentException("a " + type.wireName() + " block holds no text");
			}
			if ((url == null) == (base64 == null)) {
				throw new IllegalArgumentException(
						"a " + type.wireName() + " block needs exactly one of url or base64");
			}
			if (url != null) {
				DataUrls.requireHttpUrl(url, "url");
			}
			else {
				DataUrls.requireDataUrl(base64, "base64");
			}
		}
	}

	/**
	 * A text block.
	 * @param text the text, not null
	 * @return the block
	 */
	public static BytezContent text(String text) {
		return new BytezContent(Type.TEXT, text, null, null);
	}

	/**
	 * An image that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the block
	 */
	public static BytezContent imageUrl(String url) {
		return url(Type.IMAGE, url);
	}

	/**
	 * An image sent inline as a data URL, at most {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 * @param content the image's bytes
	 * @param mediaType its media type, e.g. {@code image/png}
	 * @return the block
	 */
	public static BytezContent image(byte[] content, MediaType mediaType) {
		return media(Type.IMAGE, content, mediaType, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image file sent inline as a data URL, its media type guessed from its name; a file larger than
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected before it is read.
	 * @param file the image file
	 * @return the block
	 */
	public static BytezContent image(Path file) {
		return media(Type.IMAGE, file, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image resource sent inline as a data URL, its media type guessed from its name; a resource larger
	 * than {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the image
	 * @return the block
	 */
	public static BytezContent image(Resource resource) {
		return media(Type.IMAGE, resource, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An audio file that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the block
	 */
	public static BytezContent audioUrl(String url) {
		return url(Type.AUDIO, url);
	}

	/**
	 * Audio sent inline as a data URL, at most {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 * @param content the audio's bytes
	 * @param mediaType its media type, e.g. {@code audio/wav}
	 * @return the block
	 */
	public static BytezContent audio(byte[] content, MediaType mediaType) {
		return media(Type.AUDIO, content, mediaType, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An audio file sent inline as a data URL, its media type guessed from its name; a file larger than
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected before it is read.
	 * @param file the audio file
	 * @return the block
	 */
	public static BytezContent audio(Path file) {
		return media(Type.AUDIO, file, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An audio resource sent inline as a data URL, its media type guessed from its name; a resource larger
	 * than {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the audio
	 * @return the block
	 */
	public static BytezContent audio(Resource resource) {
		return media(Type.AUDIO, resource, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * A video that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the block
	 */
	public static BytezContent videoUrl(String url) {
		return url(Type.VIDEO, url);
	}

	/**
	 * A video sent inline as a data URL, at most {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 * @param content the video's bytes
	 * @param mediaType its media type, e.g. {@code video/mp4}
	 * @return the block
	 */
	public static BytezContent video(byte[] content, MediaType mediaType) {
		return media(Type.VIDEO, content, mediaType, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * A video file sent inline as a data URL, its media type guessed from its name; a file larger than
	 * {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected before it is read.
	 * @param file the video file
	 * @return the block
	 */
	public static BytezContent video(Path file) {
		return media(Type.VIDEO, file, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * A video resource sent inline as a data URL, its media type guessed from its name; a resource larger
	 * than {@link BytezInput#DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the video
	 * @return the block
	 */
	public static BytezContent video(Resource resource) {
		return media(Type.VIDEO, resource, BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * A media block that Bytez fetches from a public URL.
	 * @param type the kind of media
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the block
	 */
	public static BytezContent url(Type type, String url) {
		return new BytezContent(type, null, url, null);
	}

	/**
	 * A media block sent inline.
	 * @param type the kind of media
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return the block
	 */
	public static BytezContent base64(Type type, String dataUrl) {
		return new BytezContent(type, null, null, dataUrl);
	}

	/**
	 * A media block sent inline, with an explicit size bound.
	 * @param type the kind of media
	 * @param content the file's bytes
	 * @param mediaType the file's media type
	 * @param maxSize the largest content accepted
	 * @return the block
	 */
	public static BytezContent media(Type type, byte[] content, MediaType mediaType, DataSize maxSize) {
		return base64(type, DataUrls.encode(content, mediaType, maxSize));
	}

	/**
	 * A media file sent inline, its media type guessed from its name, with an explicit size bound checked
	 * before the file is read.
	 * @param type the kind of media
	 * @param file the file
	 * @param maxSize the largest file accepted
	 * @return the block
	 */
	public static BytezContent media(Type type, Path file, DataSize maxSize) {
		return base64(type, DataUrls.read(file, maxSize));
	}

	/**
	 * A media resource sent inline, its media type guessed from its name, with an explicit size bound.
	 * @param type the kind of media
	 * @param resource the resource
	 * @param maxSize the largest resource accepted
	 * @return the block
	 */
	public static BytezContent media(Type type, Resource resource, DataSize maxSize) {
		return base64(type, DataUrls.read(resource, maxSize));
	}

	/**
	 * Read a block from its JSON form, {@code {"type": "image", "url": "..."}}.
	 * @param node the JSON object
	 * @return the block
	 */
	@JsonCreator
	static BytezContent fromJson(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a content block must be a JSON object, not " + node);
		}
		return new BytezContent(Type.fromWireName(stringOrNull(node, "type")), stringOrNull(node, "text"),
				stringOrNull(node, "url"), stringOrNull(node, "base64"));
	}

	private static String stringOrNull(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException("content block field '" + field + "' must be a string, not " + value);
		}
		return value.stringValue();
	}

	/**
	 * This block as Bytez expects it, without absent fields.
	 * @return the JSON object
	 */
	@JsonValue
	ObjectNode toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", this.type.wireName());
		if (this.text != null) {
			node.put("text", this.text);
		}
		if (this.url != null) {
			node.put("url", this.url);
		}
		if (this.base64 != null) {
			node.put("base64", this.base64);
		}
		return node;
	}

	/**
	 * The decoded size of this block's inline media.
	 * @return the bytes, 0 for a text or URL block
	 */
	long inlineMediaSize() {
		return (this.base64 != null) ? DataUrls.decodedSize(this.base64) : 0;
	}

	@Override
	public String toString() {
		return "BytezContent{" + this.type.wireName()
				+ ((this.text != null) ? ", text=" + this.text.length() + " chars" : "")
				+ ((this.url != null) ? ", url=" + this.url : "")
				+ ((this.base64 != null) ? ", base64=" + this.base64.length() + " chars" : "") + "}";
	}

	/**
	 * What a content block holds, with its wire name.
	 */
	public enum Type {

		/** Text. */
		TEXT,

		/** An image. */
		IMAGE,

		/** An audio file. */
		AUDIO,

		/** A video. */
		VIDEO;

		/**
		 * The name Bytez uses, e.g. {@code image}.
		 * @return the wire name
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * The type with a wire name.
		 * @param wireName e.g. {@code image}
		 * @return the type
		 * @throws IllegalArgumentException for an unknown name
		 */
		public static Type fromWireName(String wireName) {
			for (Type type : values()) {
				if (type.wireName().equals(wireName)) {
					return type;
				}
			}
			throw new IllegalArgumentException(
					"content type must be one of text, image, audio, video, not '" + wireName + "'");
		}

	}

}
