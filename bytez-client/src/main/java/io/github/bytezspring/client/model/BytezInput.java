package io.github.bytezspring.client.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/**
 * What a model is given to work on: text, chat messages, a media URL or data URL, a question with its
 * context, candidate labels, or nothing; shapes combine, e.g.
 * {@code BytezInput.url(image).withQuestion("What is in the picture?")}.
 *
 * <p>Files given as bytes, a {@link Path} or a {@link Resource} are sent inline as data URLs, at most
 * {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} unless a factory is given another bound; a larger file is
 * rejected with an {@link IllegalArgumentException} before it is read into memory.
 */
public final class BytezInput {

	/**
	 * The largest file the factories that take bytes, a {@link Path} or a {@link Resource} send inline
	 * unless given another bound: 20MB. Larger files are rejected before they are read.
	 */
	public static final DataSize DEFAULT_MAX_INLINE_MEDIA_SIZE = DataSize.ofMegabytes(20);

	private static final BytezInput NONE = new BytezInput(null, null, null, null, null, null, null);

	private final String text;

	private final List<BytezMessage> messages;

	private final String url;

	private final String base64;

	private final String question;

	private final String context;

	private final List<String> candidateLabels;

	private BytezInput(String text, List<BytezMessage> messages, String url, String base64, String question,
			String context, List<String> candidateLabels) {
		this.text = text;
		this.messages = messages;
		this.url = url;
		this.base64 = base64;
		this.question = question;
		this.context = context;
		this.candidateLabels = candidateLabels;
	}

	/**
	 * Text for text tasks (generation, summarisation, translation, embeddings, text-to-image, ...).
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
		return messages((messages != null) ? Arrays.asList(messages) : null);
	}

	/**
	 * A conversation for chat and multimodal chat models.
	 * @param messages the messages in order, at least one
	 * @return the input
	 */
	public static BytezInput messages(List<BytezMessage> messages) {
		if (messages == null || messages.isEmpty()) {
			throw new IllegalArgumentException("messages must not be null or empty");
		}
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i) == null) {
				throw new IllegalArgumentException("messages[" + i + "] must not be null");
			}
		}
		return new BytezInput(null, List.copyOf(messages), null, null, null, null, null);
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
		return url((url != null) ? url.toString() : null);
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
		return base64(content, mediaType, DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image, audio or video file sent inline, encoded here as a data URL.
	 * @param content the file's bytes
	 * @param mediaType the file's media type, e.g. {@code image/png}
	 * @param maxSize the largest content accepted
	 * @return the input
	 */
	public static BytezInput base64(byte[] content, MediaType mediaType, DataSize maxSize) {
		return base64(DataUrls.encode(content, mediaType, maxSize));
	}

	/**
	 * An image, audio or video file sent inline as a data URL, its media type guessed from its name; a
	 * file larger than {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected before it is read.
	 * @param file the file
	 * @return the input
	 */
	public static BytezInput file(Path file) {
		return file(file, DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image, audio or video file sent inline as a data URL, its media type guessed from its name; a
	 * file larger than {@code maxSize} is rejected before it is read.
	 * @param file the file
	 * @param maxSize the largest file accepted
	 * @return the input
	 */
	public static BytezInput file(Path file, DataSize maxSize) {
		return base64(DataUrls.read(file, maxSize));
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline as a data URL;
	 * the media type is guessed from the resource's file name, and a resource larger than
	 * {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the file
	 * @return the input
	 */
	public static BytezInput resource(Resource resource) {
		return base64(DataUrls.read(resource, DEFAULT_MAX_INLINE_MEDIA_SIZE));
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline as a data URL; a
	 * resource larger than {@link #DEFAULT_MAX_INLINE_MEDIA_SIZE} is rejected.
	 * @param resource the file
	 * @param mediaType the file's media type
	 * @return the input
	 */
	public static BytezInput resource(Resource resource, MediaType mediaType) {
		return resource(resource, mediaType, DEFAULT_MAX_INLINE_MEDIA_SIZE);
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline as a data URL; a
	 * resource larger than {@code maxSize} is rejected, before it is read when its length is known.
	 * @param resource the file
	 * @param mediaType the file's media type
	 * @param maxSize the largest resource accepted
	 * @return the input
	 */
	public static BytezInput resource(Resource resource, MediaType mediaType, DataSize maxSize) {
		return base64(DataUrls.read(resource, mediaType, maxSize));
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
		return new BytezInput(require(text, "text"), this.messages, this.url, this.base64, this.question,
				this.context, this.candidateLabels);
	}

	/**
	 * This input with a media URL added.
	 * @param url an absolute {@code http} or {@code https} URL
	 * @return a new input
	 */
	public BytezInput withUrl(String url) {
		DataUrls.requireHttpUrl(url, "url");
		return new BytezInput(this.text, this.messages, url, this.base64, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with an inline file added.
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return a new input
	 */
	public BytezInput withBase64(String dataUrl) {
		DataUrls.requireDataUrl(dataUrl, "base64");
		return new BytezInput(this.text, this.messages, this.url, dataUrl, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with a question added (question answering, visual and document question answering).
	 * @param question the question
	 * @return a new input
	 */
	public BytezInput withQuestion(String question) {
		return new BytezInput(this.text, this.messages, this.url, this.base64, requireText(question, "question"),
				this.context, this.candidateLabels);
	}

	/**
	 * This input with a context text added, the text a question is answered from.
	 * @param context the context
	 * @return a new input
	 */
	public BytezInput withContext(String context) {
		return new BytezInput(this.text, this.messages, this.url, this.base64, this.question,
				require(context, "context"), this.candidateLabels);
	}

	/**
	 * This input with zero-shot candidate labels added.
	 * @param labels the labels, at least one
	 * @return a new input
	 */
	public BytezInput withCandidateLabels(String... labels) {
		if (labels == null || labels.length == 0) {
			throw new IllegalArgumentException("candidateLabels must not be null or empty");
		}
		List<String> copy = new ArrayList<>(labels.length);
		for (int i = 0; i < labels.length; i++) {
			copy.add(requireText(labels[i], "candidateLabels[" + i + "]"));
		}
		return new BytezInput(this.text, this.messages, this.url, this.base64, this.question, this.context,
				List.copyOf(copy));
	}

	/**
	 * The text, if any.
	 * @return the text or {@code null}
	 */
	public String text() {
		return this.text;
	}

	/**
	 * The chat messages, if any.
	 * @return the messages or {@code null}
	 */
	public List<BytezMessage> messages() {
		return this.messages;
	}

	/**
	 * The media URL, if any.
	 * @return the URL or {@code null}
	 */
	public String url() {
		return this.url;
	}

	/**
	 * The inline file as a data URL, if any.
	 * @return the data URL or {@code null}
	 */
	public String base64() {
		return this.base64;
	}

	/**
	 * The question, if any.
	 * @return the question or {@code null}
	 */
	public String question() {
		return this.question;
	}

	/**
	 * The context of a question, if any.
	 * @return the context or {@code null}
	 */
	public String context() {
		return this.context;
	}

	/**
	 * The zero-shot candidate labels, if any.
	 * @return the labels or {@code null}
	 */
	public List<String> candidateLabels() {
		return this.candidateLabels;
	}

	/**
	 * The decoded size of all the media this input sends inline: its {@code base64} file and the media
	 * blocks of its messages. The template compares it with its configured bound.
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
	 * @param maxSize the bound, e.g. {@code bytez.max-inline-media-size}
	 * @throws IllegalArgumentException when the inline media is larger
	 */
	public void checkInlineMediaSize(DataSize maxSize) {
		long size = inlineMediaSize();
		if (maxSize != null && size > maxSize.toBytes()) {
			throw new IllegalArgumentException("the input's inline media is " + DataUrls.describe(size)
					+ ", more than the " + DataUrls.describe(maxSize.toBytes())
					+ " allowed (bytez.max-inline-media-size); send large files by URL instead");
		}
	}

	/**
	 * Write the fields that are set into a request body, leaving absent fields out.
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

	private static void putIfSet(ObjectNode body, String name, String value) {
		if (value != null) {
			body.put(name, value);
		}
	}

	private static String require(String value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		return value;
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be null or blank");
		}
		return value;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof BytezInput that)) {
			return false;
		}
		return Objects.equals(this.text, that.text) && Objects.equals(this.messages, that.messages)
				&& Objects.equals(this.url, that.url) && Objects.equals(this.base64, that.base64)
				&& Objects.equals(this.question, that.question) && Objects.equals(this.context, that.context)
				&& Objects.equals(this.candidateLabels, that.candidateLabels);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.messages, this.url, this.base64, this.question, this.context,
				this.candidateLabels);
	}

	@Override
	public String toString() {
		StringBuilder result = new StringBuilder("BytezInput{");
		String separator = "";
		if (this.text != null) {
			result.append("text=").append(this.text.length()).append(" chars");
			separator = ", ";
		}
		if (this.messages != null) {
			result.append(separator).append("messages=").append(this.messages.size());
			separator = ", ";
		}
		if (this.url != null) {
			result.append(separator).append("url=").append(this.url);
			separator = ", ";
		}
		if (this.base64 != null) {
			result.append(separator).append("base64=").append(this.base64.length()).append(" chars");
			separator = ", ";
		}
		if (this.question != null) {
			result.append(separator).append("question");
			separator = ", ";
		}
		if (this.context != null) {
			result.append(separator).append("context");
			separator = ", ";
		}
		if (this.candidateLabels != null) {
			result.append(separator).append("candidateLabels=").append(this.candidateLabels);
		}
		return result.append('}').toString();
	}

}
