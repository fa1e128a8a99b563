package io.github.bytezspring.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * One block of a chat message's content: a text, or an image, audio or video given by URL
 * or inline as a data URL, e.g.
 * {@code BytezMessage.user(BytezContent.text("What is this?"), BytezContent.image(BytezMediaSource.url(url)))}.
 *
 * @param type what the block holds
 * @param text the text of a {@link Type#TEXT} block, else {@code null}
 * @param url the URL of a media block sent by URL, else {@code null}
 * @param base64 the data URL of a media block sent inline, else {@code null}
 */
public record BytezContent(Type type, @Nullable String text, @Nullable String url, @Nullable String base64) {

	/**
	 * Create a block, rejecting a combination Bytez does not accept: a text block holds
	 * text only, a media block exactly one of an {@code http(s)} URL or a data URL.
	 * @param type what the block holds
	 * @param text the text of a text block
	 * @param url the URL of a media block
	 * @param base64 the data URL of a media block
	 */
	public BytezContent {
		Assert.notNull(type, "type must not be null");
		if (type == Type.TEXT) {
			Assert.notNull(text, "text must not be null");
			Assert.isTrue(url == null && base64 == null, "a text block holds no url or base64");
		}
		else {
			Assert.isTrue(text == null, () -> "a " + type.wireName() + " block holds no text");
			Assert.isTrue((url == null) != (base64 == null),
					() -> "a " + type.wireName() + " block needs exactly one of url or base64");
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
		Assert.notNull(text, "text must not be null");
		return new BytezContent(Type.TEXT, text, null, null);
	}

	/**
	 * An image, e.g.
	 * {@code BytezContent.image(BytezMediaSource.url("https://example.com/cat.jpg"))}.
	 * @param source where the image comes from: a URL, bytes, a
	 * {@link java.nio.file.Path} or a {@link org.springframework.core.io.Resource}
	 * @return the block
	 */
	public static BytezContent image(BytezMediaSource source) {
		return media(Type.IMAGE, source);
	}

	/**
	 * An audio file, e.g.
	 * {@code BytezContent.audio(BytezMediaSource.file(Path.of("question.wav")))}.
	 * @param source where the audio comes from
	 * @return the block
	 */
	public static BytezContent audio(BytezMediaSource source) {
		return media(Type.AUDIO, source);
	}

	/**
	 * A video, e.g.
	 * {@code BytezContent.video(BytezMediaSource.url("https://example.com/clip.mp4"))}.
	 * @param source where the video comes from
	 * @return the block
	 */
	public static BytezContent video(BytezMediaSource source) {
		return media(Type.VIDEO, source);
	}

	/**
	 * A media block of any kind.
	 * @param type the kind of media, not {@link Type#TEXT}
	 * @param source where the media comes from
	 * @return the block
	 */
	public static BytezContent media(Type type, BytezMediaSource source) {
		Assert.isTrue(type != Type.TEXT, "type must be a media kind, not text");
		Assert.notNull(source, "source must not be null");
		return new BytezContent(type, null, source.url(), source.dataUrl());
	}

	/**
	 * Read a block from its JSON form, {@code {"type": "image", "url": "..."}}.
	 * @param node the JSON object
	 * @return the block
	 */
	@JsonCreator
	static BytezContent fromJson(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("a content block must be a JSON object, not " + node);
		}
		return new BytezContent(Type.fromWireName(stringOrNull(node, "type")), stringOrNull(node, "text"),
				stringOrNull(node, "url"), stringOrNull(node, "base64"));
	}

	private static @Nullable String stringOrNull(JsonNode node, String field) {
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
		public static Type fromWireName(@Nullable String wireName) {
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
