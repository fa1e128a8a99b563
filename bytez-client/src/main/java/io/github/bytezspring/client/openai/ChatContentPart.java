package io.github.bytezspring.client.openai;

import io.github.bytezspring.client.model.BytezMediaSource;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.Assert;

/**
 * One part of a chat message's content in OpenAI's shape: text
 * ({@code {"type":"text","text":..}}), an image
 * ({@code {"type":"image_url","image_url":{"url":..}}}) or audio
 * ({@code {"type":"input_audio","input_audio":{"data":..,"format":..}}}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ChatContentPart.TextPart.class, name = "text"),
		@JsonSubTypes.Type(value = ChatContentPart.ImageUrlPart.class, name = "image_url"),
		@JsonSubTypes.Type(value = ChatContentPart.InputAudioPart.class, name = "input_audio") })
public sealed interface ChatContentPart
		permits ChatContentPart.TextPart, ChatContentPart.ImageUrlPart, ChatContentPart.InputAudioPart {

	/**
	 * A text part.
	 * @param text the text
	 * @return the part
	 */
	static TextPart text(String text) {
		return new TextPart(text);
	}

	/**
	 * An image the model fetches from a URL, or reads from a data URL.
	 * @param url an {@code http(s)} URL or a data URL such as
	 * {@code data:image/png;base64,...}
	 * @return the part
	 */
	static ImageUrlPart imageUrl(String url) {
		return new ImageUrlPart(new ImageUrl(url, null));
	}

	/**
	 * An image from a media source: its URL, or its data URL for a file sent inline.
	 * @param source the image, e.g. {@code BytezMediaSource.file(Path.of("cat.jpg"))}
	 * @return the part
	 */
	static ImageUrlPart image(BytezMediaSource source) {
		return image(source, null);
	}

	/**
	 * An image from a media source with a level of detail.
	 * @param source the image
	 * @param detail {@code auto}, {@code low} or {@code high}, or {@code null} for the
	 * model's default
	 * @return the part
	 */
	static ImageUrlPart image(BytezMediaSource source, @Nullable String detail) {
		Assert.notNull(source, "source must not be null");
		// a media source has exactly one of the two
		String url = source.url();
		return new ImageUrlPart(new ImageUrl((url != null) ? url : Objects.requireNonNull(source.dataUrl()), detail));
	}

	/**
	 * Audio sent inline as base64.
	 * @param data the audio's bytes, base64-encoded (not a data URL)
	 * @param format the format, e.g. {@code wav} or {@code mp3}
	 * @return the part
	 */
	static InputAudioPart inputAudio(String data, String format) {
		return new InputAudioPart(new InputAudio(data, format));
	}

	/**
	 * Audio from a media source sent inline (a data URL); its format is taken from the
	 * media type, e.g. {@code audio/wav} gives {@code wav} and {@code audio/mpeg} gives
	 * {@code mp3}. OpenAI's {@code input_audio} takes no URL, so a source by URL is
	 * rejected.
	 * @param source the audio, e.g.
	 * {@code BytezMediaSource.file(Path.of("question.wav"))}
	 * @return the part
	 */
	static InputAudioPart audio(BytezMediaSource source) {
		Assert.notNull(source, "source must not be null");
		Assert.isTrue(source.dataUrl() != null,
				"source must be sent inline (a file, bytes or a data URL): input_audio takes no URL");
		String dataUrl = source.dataUrl();
		int comma = dataUrl.indexOf(',');
		String header = dataUrl.substring("data:".length(), comma);
		Assert.isTrue(header.endsWith(";base64"), "source must be a base64 data URL");
		MediaType mediaType = MediaType.parseMediaType(header.substring(0, header.length() - ";base64".length()));
		return inputAudio(dataUrl.substring(comma + 1), audioFormat(mediaType));
	}

	private static String audioFormat(MediaType mediaType) {
		String subtype = mediaType.getSubtype().toLowerCase(Locale.ROOT);
		return switch (subtype) {
			case "mpeg", "mp3", "x-mp3" -> "mp3";
			case "wav", "x-wav", "wave", "vnd.wave" -> "wav";
			default -> subtype.startsWith("x-") ? subtype.substring(2) : subtype;
		};
	}

	/**
	 * A text part.
	 *
	 * @param text the text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TextPart(String text) implements ChatContentPart {

		/**
		 * Create a text part.
		 * @param text the text, not null
		 */
		public TextPart {
			Assert.notNull(text, "text must not be null");
		}

	}

	/**
	 * An image part.
	 *
	 * @param imageUrl where the image is
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ImageUrlPart(@JsonProperty("image_url") ImageUrl imageUrl) implements ChatContentPart {

		/**
		 * Create an image part.
		 * @param imageUrl where the image is, not null
		 */
		public ImageUrlPart {
			Assert.notNull(imageUrl, "imageUrl must not be null");
		}

	}

	/**
	 * Where an image is, and how closely the model looks at it.
	 *
	 * @param url an {@code http(s)} URL or a data URL
	 * @param detail {@code auto}, {@code low} or {@code high}, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ImageUrl(String url, @Nullable String detail) {

		/**
		 * Create an image location, checking that the URL is an {@code http(s)} or data
		 * URL.
		 * @param url the URL
		 * @param detail the detail, or {@code null}
		 */
		public ImageUrl {
			Assert.hasText(url, "url must not be blank");
			String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT);
			Assert.isTrue(scheme.equals("http") || scheme.equals("https") || scheme.equals("data"),
					"url must be an http(s) URL or a data URL");
			Assert.isTrue(detail == null || !detail.isBlank(), "detail must not be blank");
		}

		@Override
		public String toString() {
			return "ImageUrl{" + (this.url.regionMatches(true, 0, "data:", 0, 5)
					? this.url.length() + " chars of data URL" : this.url)
					+ ((this.detail != null) ? ", detail=" + this.detail : "") + "}";
		}

	}

	/**
	 * An audio part.
	 *
	 * @param inputAudio the audio
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InputAudioPart(@JsonProperty("input_audio") InputAudio inputAudio) implements ChatContentPart {

		/**
		 * Create an audio part.
		 * @param inputAudio the audio, not null
		 */
		public InputAudioPart {
			Assert.notNull(inputAudio, "inputAudio must not be null");
		}

	}

	/**
	 * Audio sent inline.
	 *
	 * @param data the bytes, base64-encoded
	 * @param format the format, e.g. {@code wav} or {@code mp3}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InputAudio(String data, String format) {

		/**
		 * Create inline audio.
		 * @param data the bytes, base64-encoded, not blank
		 * @param format the format, not blank
		 */
		public InputAudio {
			Assert.hasText(data, "data must not be blank");
			Assert.hasText(format, "format must not be blank");
			Assert.isTrue(!data.startsWith("data:"), "data must be the base64 text, not a data URL");
		}

		@Override
		public String toString() {
			return "InputAudio{" + this.data.length() + " chars of base64, format=" + this.format + "}";
		}

	}

}
