package io.github.bytezspring.client.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * What a model is given to work on: text, chat messages, a media URL or data URL, a
 * question with its context, candidate labels, or nothing; shapes combine, e.g.
 * {@code BytezInput.url(image).withQuestion("What is in the picture?")}.
 *
 * <p>
 * Files given as bytes, a {@link Path} or a {@link Resource} are sent inline as data
 * URLs, at most {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} unless a factory is given another
 * bound; a larger file is rejected with an {@link IllegalArgumentException} before it is
 * read into memory.
 *
 * @param text the text, or {@code null}
 * @param messages the chat messages, or {@code null}
 * @param url the media URL, or {@code null}
 * @param base64 the inline file as a data URL, or {@code null}
 * @param question the question, or {@code null}
 * @param context the context of a question, or {@code null}
 * @param candidateLabels the zero-shot candidate labels, or {@code null}
 */
public record BytezInput(@Nullable String text, @Nullable List<BytezMessage> messages, @Nullable String url,
		@Nullable String base64, @Nullable String question, @Nullable String context,
		@Nullable List<String> candidateLabels) {

	/**
	 * The largest file the factories that take bytes, a {@link Path} or a
	 * {@link Resource} send inline unless given another bound: 20MB. Larger files are
	 * rejected before they are read.
	 */
	public static final DataSize DEFAULT_MAX_INLINE_MEDIA_SIZE = DataSize.ofMegabytes(20);

	private static final BytezInput NONE = new BytezInput(null, null, null, null, null, null, null);

	/**
	 * Create an input, rejecting a field that is set but that Bytez would refuse: empty
	 * messages, a URL that is not {@code http(s)}, a {@code base64} that is not a data
	 * URL, a blank question or label.
	 * @param text the text
	 * @param messages the chat messages, at least one when set
	 * @param url an absolute {@code http} or {@code https} URL
	 * @param base64 a data URL
	 * @param question the question, not blank when set
	 * @param context the context of the question
	 * @param candidateLabels the labels, at least one when set, none blank
	 */
	public BytezInput {
		if (messages != null) {
			Assert.notEmpty(messages, "messages must not be null or empty");
			for (int i = 0; i < messages.size(); i++) {
				Assert.notNull(messages.get(i), "messages[" + i + "] must not be null");
			}
			messages = List.copyOf(messages);
		}
		if (url != null) {
			DataUrls.requireHttpUrl(url, "url");
		}
		if (base64 != null) {
			DataUrls.requireDataUrl(base64, "base64");
		}
		if (question != null) {
			Assert.hasText(question, "question must not be null or blank");
		}
		if (candidateLabels != null) {
			Assert.notEmpty(candidateLabels, "candidateLabels must not be null or empty");
			for (int i = 0; i < candidateLabels.size(); i++) {
				Assert.hasText(candidateLabels.get(i), "candidateLabels[" + i + "] must not be null or blank");
			}
			candidateLabels = List.copyOf(candidateLabels);
		}
	}

	/**
	 * Text for text tasks (generation, summarisation, translation, embeddings,
	 * text-to-image, ...).
	 * @param text the text, not null
	 * @return the input
	 */
	public static BytezInput text(String text) {
		return NONE.withText(text);
	}

	/**
	 * A conversation for chat and multimodal chat models.
	 * @param messages the messages in order, at least one
	 * @return the input
	 */
	public static BytezInput messages(BytezMessage... messages) {
		Assert.notEmpty(messages, "messages must not be null or empty");
		return messages(Arrays.asList(messages));
	}

	/**
	 * A conversation for chat and multimodal chat models.
	 * @param messages the messages in order, at least one
	 * @return the input
	 */
	public static BytezInput messages(List<BytezMessage> messages) {
		Assert.notEmpty(messages, "messages must not be null or empty");
		return new BytezInput(null, messages, null, null, null, null, null);
	}

	/**
	 * An image, audio or video file from a source: a URL, bytes, a {@link Path} or a
	 * {@link Resource}.
	 * @param source where the file comes from
	 * @return the input
	 */
	public static BytezInput media(BytezMediaSource source) {
		Assert.notNull(source, "source must not be null");
		return new BytezInput(null, null, source.url(), source.dataUrl(), null, null, null);
	}

	/**
	 * An image, audio or video file that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the input
	 */
	public static BytezInput url(String url) {
		return NONE.withUrl(url);
	}

	/**
	 * An image, audio or video file that Bytez fetches from a public URL.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return the input
	 */
	public static BytezInput url(URI url) {
		return media(BytezMediaSource.url(url));
	}

	/**
	 * An image, audio or video file sent inline as a data URL.
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return the input
	 */
	public static BytezInput base64(String dataUrl) {
		return NONE.withBase64(dataUrl);
	}

	/**
	 * An image, audio or video file sent inline, encoded here as a data URL; at most
	 * {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE}.
	 * @param content the file's bytes
	 * @param mediaType the file's media type, e.g. {@code image/png}
	 * @return the input
	 */
	public static BytezInput base64(byte[] content, MediaType mediaType) {
		return media(BytezMediaSource.bytes(content, mediaType));
	}

	/**
	 * An image, audio or video file sent inline, encoded here as a data URL.
	 * @param content the file's bytes
	 * @param mediaType the file's media type, e.g. {@code image/png}
	 * @param maxSize the largest content accepted
	 * @return the input
	 */
	public static BytezInput base64(byte[] content, MediaType mediaType, DataSize maxSize) {
		return media(BytezMediaSource.bytes(content, mediaType, maxSize));
	}

	/**
	 * An image, audio or video file sent inline as a data URL, its media type guessed
	 * from its name; a file larger than {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is
	 * rejected before it is read.
	 * @param file the file
	 * @return the input
	 */
	public static BytezInput file(Path file) {
		return media(BytezMediaSource.file(file));
	}

	/**
	 * An image, audio or video file sent inline as a data URL, its media type guessed
	 * from its name; a file larger than {@code maxSize} is rejected before it is read.
	 * @param file the file
	 * @param maxSize the largest file accepted
	 * @return the input
	 */
	public static BytezInput file(Path file, DataSize maxSize) {
		return media(BytezMediaSource.file(file, maxSize));
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline
	 * as a data URL; the media type is guessed from the resource's file name, and a
	 * resource larger than {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the file
	 * @return the input
	 */
	public static BytezInput resource(Resource resource) {
		return media(BytezMediaSource.resource(resource));
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline
	 * as a data URL; a resource larger than {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is
	 * rejected.
	 * @param resource the file
	 * @param mediaType the file's media type
	 * @return the input
	 */
	public static BytezInput resource(Resource resource, MediaType mediaType) {
		return resource(resource, mediaType, DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline
	 * as a data URL; a resource larger than {@code maxSize} is rejected, before it is
	 * read when its length is known.
	 * @param resource the file
	 * @param mediaType the file's media type
	 * @param maxSize the largest resource accepted
	 * @return the input
	 */
	public static BytezInput resource(Resource resource, MediaType mediaType, DataSize maxSize) {
		return media(BytezMediaSource.resource(resource, mediaType, maxSize));
	}

	/**
	 * A question answered from a context text (question-answering models).
	 * @param question the question
	 * @param context the text that holds the answer
	 * @return the input
	 */
	public static BytezInput question(String question, String context) {
		return NONE.withQuestion(question).withContext(context);
	}

	/**
	 * Labels for zero-shot classification; combine with text or an image, e.g.
	 * {@code BytezInput.text(review).withCandidateLabels("positive", "negative")}.
	 * @param labels the labels, at least one
	 * @return the input
	 */
	public static BytezInput candidateLabels(String... labels) {
		return NONE.withCandidateLabels(labels);
	}

	/**
	 * No input at all, for unconditional generation.
	 * @return the empty input
	 */
	public static BytezInput none() {
		return NONE;
	}

	/**
	 * This input with text added.
	 * @param text the text, not null
	 * @return a new input
	 */
	public BytezInput withText(String text) {
		Assert.notNull(text, "text must not be null");
		return new BytezInput(text, this.messages, this.url, this.base64, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with a media URL added.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return a new input
	 */
	public BytezInput withUrl(String url) {
		Assert.notNull(url, "url must not be null");
		return new BytezInput(this.text, this.messages, url, this.base64, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with an inline file added.
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return a new input
	 */
	public BytezInput withBase64(String dataUrl) {
		Assert.notNull(dataUrl, "base64 must not be null");
		return new BytezInput(this.text, this.messages, this.url, dataUrl, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with a question added (question answering, visual and document question
	 * answering).
	 * @param question the question
	 * @return a new input
	 */
	public BytezInput withQuestion(String question) {
		Assert.hasText(question, "question must not be null or blank");
		return new BytezInput(this.text, this.messages, this.url, this.base64, question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with a context text added, the text a question is answered from.
	 * @param context the context
	 * @return a new input
	 */
	public BytezInput withContext(String context) {
		Assert.notNull(context, "context must not be null");
		return new BytezInput(this.text, this.messages, this.url, this.base64, this.question, context,
				this.candidateLabels);
	}

	/**
	 * This input with zero-shot candidate labels added.
	 * @param labels the labels, at least one
	 * @return a new input
	 */
	public BytezInput withCandidateLabels(String... labels) {
		Assert.notEmpty(labels, "candidateLabels must not be null or empty");
		return new BytezInput(this.text, this.messages, this.url, this.base64, this.question, this.context,
				new ArrayList<>(Arrays.asList(labels)));
	}

	/**
	 * The decoded size of all the media this input sends inline: its {@code base64} file
	 * and the media blocks of its messages.
	 * @return the bytes, 0 when nothing is sent inline
	 */
	long inlineMediaSize() {
		long size = (this.base64 != null) ? DataUrls.decodedSize(this.base64) : 0;
		if (this.messages != null) {
			for (BytezMessage message : this.messages) {
				size += message.inlineMediaSize();
			}
		}
		return size;
	}

	/**
	 * Reject this input when the media it sends inline is larger than a bound.
	 * @param maxSize the bound, e.g. {@code bytez.max-inline-media-size}; {@code null}
	 * for none
	 * @throws IllegalArgumentException when the inline media is larger
	 */
	public void checkInlineMediaSize(@Nullable DataSize maxSize) {
		checkInlineMediaSize(maxSize, "maxInlineMediaSize");
	}

	/**
	 * Reject this input when the media it sends inline is larger than a bound, naming the
	 * setting.
	 * @param maxSize the bound; {@code null} for none
	 * @param settingName what the user calls the bound, e.g.
	 * {@code bytez.max-inline-media-size}
	 * @throws IllegalArgumentException when the inline media is larger
	 */
	public void checkInlineMediaSize(@Nullable DataSize maxSize, String settingName) {
		long size = inlineMediaSize();
		if (maxSize != null && size > maxSize.toBytes()) {
			throw new IllegalArgumentException("the input's inline media is " + DataUrls.describe(size)
					+ ", more than the " + DataUrls.describe(maxSize.toBytes()) + " allowed (" + settingName
					+ "); send large files by URL instead");
		}
	}

	/**
	 * Write the fields that are set into a request body, leaving absent fields out.
	 * @param body the request body
	 */
	public void writeTo(ObjectNode body) {
		putIfSet(body, "text", this.text);
		if (this.messages != null) {
			ArrayNode array = body.putArray("messages");
			this.messages.forEach((message) -> array.add(message.toJson()));
		}
		putIfSet(body, "url", this.url);
		putIfSet(body, "base64", this.base64);
		putIfSet(body, "question", this.question);
		putIfSet(body, "context", this.context);
		if (this.candidateLabels != null) {
			ArrayNode array = body.putArray("candidate_labels");
			this.candidateLabels.forEach(array::add);
		}
	}

	private static void putIfSet(ObjectNode body, String name, @Nullable String value) {
		if (value != null) {
			body.put(name, value);
		}
	}

	/**
	 * Describe this input without its content: the lengths of texts and files, the media
	 * URL and labels.
	 * @return the description
	 */
	@Override
	public String toString() {
		StringJoiner result = new StringJoiner(", ", "BytezInput{", "}");
		if (this.text != null) {
			result.add("text=" + this.text.length() + " chars");
		}
		if (this.messages != null) {
			result.add("messages=" + this.messages.size());
		}
		if (this.url != null) {
			result.add("url=" + this.url);
		}
		if (this.base64 != null) {
			result.add("base64=" + this.base64.length() + " chars");
		}
		if (this.question != null) {
			result.add("question");
		}
		if (this.context != null) {
			result.add("context");
		}
		if (this.candidateLabels != null) {
			result.add("candidateLabels=" + this.candidateLabels);
		}
		return result.toString();
	}

}
