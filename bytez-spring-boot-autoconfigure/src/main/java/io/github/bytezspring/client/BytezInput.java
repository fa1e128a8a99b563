package io.github.bytezspring.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * What a model is given to work on: text, chat messages, a media URL or data URL, a question with its
 * context, candidate labels, or nothing; shapes combine, e.g.
 * {@code BytezInput.url(image).withQuestion("What is in the picture?")}.
 */
public final class BytezInput {

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
	 * An image, audio or video file sent inline, encoded here as a data URL.
	 * @param content the file's bytes
	 * @param mediaType the file's media type, e.g. {@code image/png}
	 * @return the input
	 */
	public static BytezInput base64(byte[] content, MediaType mediaType) {
		return base64(dataUrl(content, mediaType));
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline as a data URL;
	 * the media type is guessed from the resource's file name.
	 * @param resource the file
	 * @return the input
	 */
	public static BytezInput resource(Resource resource) {
		if (resource == null) {
			throw new IllegalArgumentException("resource must not be null");
		}
		MediaType mediaType = MediaTypeFactory.getMediaType(resource)
			.orElseThrow(() -> new IllegalArgumentException("the media type of resource '" + resource.getFilename()
					+ "' cannot be guessed from its name; use base64(bytes, mediaType)"));
		return resource(resource, mediaType);
	}

	/**
	 * An image, audio or video file read from a Spring {@link Resource} and sent inline as a data URL.
	 * @param resource the file
	 * @param mediaType the file's media type
	 * @return the input
	 */
	public static BytezInput resource(Resource resource, MediaType mediaType) {
		if (resource == null) {
			throw new IllegalArgumentException("resource must not be null");
		}
		try {
			return base64(resource.getContentAsByteArray(), mediaType);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read resource " + resource.getDescription(), ex);
		}
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
		require(url, "url");
		if (!url.startsWith("http://") && !url.startsWith("https://")) {
			throw new IllegalArgumentException("url must be an absolute http or https URL, not '" + abbreviate(url)
					+ "'; send file contents with base64(..) instead");
		}
		return new BytezInput(this.text, this.messages, url, this.base64, this.question, this.context,
				this.candidateLabels);
	}

	/**
	 * This input with an inline file added.
	 * @param dataUrl a data URL such as {@code data:image/png;base64,iVBOR...}
	 * @return a new input
	 */
	public BytezInput withBase64(String dataUrl) {
		require(dataUrl, "base64");
		if (!dataUrl.startsWith("data:") || !dataUrl.contains(";base64,")) {
			throw new IllegalArgumentException("base64 must be a data URL such as 'data:image/png;base64,...', not '"
					+ abbreviate(dataUrl) + "'; use base64(bytes, mediaType) to encode raw bytes");
		}
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
	 * Write the fields that are set into a request body, leaving absent fields out.
	 */
	void writeTo(ObjectNode body) {
		putIfSet(body, "text", this.text);
		if (this.messages != null) {
			ArrayNode array = body.putArray("messages");
			for (BytezMessage message : this.messages) {
				array.addObject().put("role", message.role()).put("content", message.content());
			}
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

	private static String dataUrl(byte[] content, MediaType mediaType) {
		if (content == null) {
			throw new IllegalArgumentException("content must not be null");
		}
		if (mediaType == null) {
			throw new IllegalArgumentException("mediaType must not be null");
		}
		return "data:" + mediaType.getType() + "/" + mediaType.getSubtype() + ";base64,"
				+ Base64.getEncoder().encodeToString(content);
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

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
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
