package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezOperation;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Turns failed exchanges into the typed exceptions of this package, quoting only short,
 * scrubbed excerpts of what the server sent and never the keys: neither in messages nor
 * in {@link BytezApiException#getErrorMessage()}.
 */
public final class BytezErrors {

	private static final int EXCERPT_LENGTH = 200;

	private static final String MASK = "******";

	private static final String NETTY_READ_TIMEOUT = "io.netty.handler.timeout.ReadTimeoutException";

	// reactor-pool's PoolAcquireTimeoutException and PoolAcquirePendingLimitException,
	// which Reactor
	// Netty shades into its own package
	private static final String POOL_ACQUIRE = "PoolAcquire";

	private final ObjectMapper mapper;

	private final Clock clock;

	private final String[] secrets;

	private final SettingNames names;

	/**
	 * Create the error mapping of a client.
	 * @param mapper reads error bodies
	 * @param clock measures {@code Retry-After} dates
	 * @param secrets the configured keys, masked in every message and error text
	 * ({@code null} and blank ones are ignored)
	 */
	public BytezErrors(ObjectMapper mapper, Clock clock, @Nullable String... secrets) {
		this(mapper, clock, SettingNames.builderOptions(), secrets);
	}

	/**
	 * Create the error mapping of a client whose settings have names of their own in
	 * messages.
	 * @param mapper reads error bodies
	 * @param clock measures {@code Retry-After} dates
	 * @param names what the user calls the client's settings
	 * @param secrets the configured keys, masked in every message and error text
	 * ({@code null} and blank ones are ignored)
	 */
	public BytezErrors(ObjectMapper mapper, Clock clock, SettingNames names, @Nullable String... secrets) {
		this.mapper = mapper;
		this.clock = clock;
		this.names = names;
		this.secrets = union(new String[0], secrets);
	}

	private BytezErrors(BytezErrors errors, String[] secrets) {
		this.mapper = errors.mapper;
		this.clock = errors.clock;
		this.names = errors.names;
		this.secrets = secrets;
	}

	/**
	 * The mapping for one call that also masks the secrets that call sends, such as a
	 * provider key given in its {@code BytezOptions}.
	 * @param callSecrets the call's own secrets; {@code null} and blank ones are ignored
	 * @return a mapping that masks them too, or this one when there is nothing new to
	 * mask
	 */
	public BytezErrors withSecrets(@Nullable String... callSecrets) {
		String[] all = union(this.secrets, callSecrets);
		return (all == this.secrets) ? this : new BytezErrors(this, all);
	}

	/**
	 * The known secrets plus the new usable ones, longest first so that a whole key is
	 * masked before a part of it; {@code known} itself when nothing is new.
	 */
	private static String[] union(String[] known, @Nullable String @Nullable [] more) {
		if (more == null || more.length == 0 || nothingNew(known, more)) {
			return known;
		}
		List<String> all = new ArrayList<>(Arrays.asList(known));
		for (@Nullable
		String secret : more) {
			if (secret != null && !secret.isBlank() && !all.contains(secret)) {
				all.add(secret);
			}
		}
		if (all.size() == known.length) {
			return known;
		}
		all.sort(Comparator.comparingInt(String::length).reversed());
		return all.toArray(String[]::new);
	}

	/**
	 * Whether none of {@code more} is a usable secret that {@code known} lacks: the
	 * common case of a call that brings no key of its own (every call asks, several
	 * times), answered without allocating.
	 */
	private static boolean nothingNew(String[] known, @Nullable String[] more) {
		for (@Nullable
		String secret : more) {
			if (secret != null && !secret.isBlank() && !Arrays.asList(known).contains(secret)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The exception for an answer with an error status.
	 */
	BytezApiException forStatus(BytezOperation operation, @Nullable String modelId, HttpStatusCode status,
			HttpHeaders headers, byte[] body) {
		String errorText = scrubOrNull(errorText(body));
		int code = status.value();
		String message = BytezException.describe(operation, modelId) + " failed with HTTP " + code
				+ ((errorText != null) ? ": " + errorText : "; body: " + excerpt(body));
		if (code == 401 || code == 403) {
			return new BytezAuthenticationException(message, operation, modelId, code, errorText);
		}
		if (code == 402) {
			return new BytezPaymentRequiredException(message
					+ " (the account is out of credits: add credits or enable auto-reload in the Bytez dashboard)",
					operation, modelId, errorText);
		}
		if (code == 429) {
			Duration retryAfter = RetryAfter.parse(headers, this.clock);
			return new BytezRateLimitException(message, operation, modelId, errorText,
					(retryAfter != null) ? retryAfter : CallMetadataHeaders.reset(headers));
		}
		if (status.is5xxServerError()) {
			return new BytezServerException(message, operation, modelId, code, errorText,
					RetryAfter.parse(headers, this.clock));
		}
		return new BytezApiException(message, operation, modelId, code, errorText);
	}

	/**
	 * The exception for a successful status whose body carries a non-null {@code error}.
	 */
	BytezApiException forErrorInBody(BytezOperation operation, @Nullable String modelId, HttpStatusCode status,
			JsonNode error) {
		String errorText = scrub(error.isString() ? error.stringValue() : error.toString());
		return new BytezApiException(BytezException.describe(operation, modelId) + " failed: " + errorText + " (HTTP "
				+ status.value() + " with an error in the body)", operation, modelId, status.value(), errorText);
	}

	/**
	 * The exception for a body that is not the JSON Bytez sends.
	 */
	public BytezInvalidResponseException invalid(BytezOperation operation, @Nullable String modelId,
			HttpStatusCode status, String problem, byte[] body) {
		return new BytezInvalidResponseException(BytezException.describe(operation, modelId) + " got an answer "
				+ scrub(problem) + " (HTTP " + status.value() + "); body: " + excerpt(body), operation, modelId,
				status.value());
	}

	/**
	 * The exception for a redirect: Bytez does not redirect, and following one would send
	 * the keys to wherever it points, so the client never follows it.
	 */
	BytezInvalidResponseException redirect(BytezOperation operation, @Nullable String modelId, int status,
			@Nullable String location) {
		return new BytezInvalidResponseException(
				BytezException.describe(operation, modelId) + " got a redirect (HTTP " + status + ") to "
						+ target(location) + ", which the client does not follow: Bytez does not "
						+ "redirect, and following would send the keys to another host; check the base URL",
				operation, modelId, status);
	}

	/**
	 * Where a {@code Location} points, by scheme, host and port only (a path or query
	 * could carry anything).
	 */
	private String target(@Nullable String location) {
		if (location == null || location.isBlank()) {
			return "no location";
		}
		try {
			URI uri = URI.create(location.strip());
			if (uri.getHost() == null) {
				return "a path on the same host";
			}
			return "host " + scrub(uri.getHost()) + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
					+ ((uri.getScheme() != null) ? " (" + scrub(uri.getScheme()) + ")" : "");
		}
		catch (IllegalArgumentException ex) {
			return "an unreadable location";
		}
	}

	/**
	 * The exception for a status that is no final answer: an interim (1xx) answer the
	 * connector handed over as the answer, or a code outside HTTP's classes.
	 */
	BytezInvalidResponseException notFinal(BytezOperation operation, @Nullable String modelId, int status) {
		return new BytezInvalidResponseException(BytezException.describe(operation, modelId) + " got HTTP " + status
				+ ((status < 200) ? ", an interim answer, in place of the final answer"
						: ", which is not an HTTP status a final answer has"),
				operation, modelId, status);
	}

	/**
	 * The exception for an answer that failed while it was read: a malformed media type,
	 * event stream or JSON shape that a codec or a reader tripped over.
	 */
	BytezInvalidResponseException unreadable(BytezOperation operation, @Nullable String modelId, int status,
			Throwable failure) {
		return new BytezInvalidResponseException(BytezException.describe(operation, modelId)
				+ " got an answer that cannot be read (HTTP " + status + "): " + describe(failure), operation, modelId,
				status, scrubbed(failure));
	}

	/**
	 * Whether a failure met while an answer was read says the answer is malformed rather
	 * than that the connection failed: nothing in its cause chain is an I/O failure or a
	 * timeout.
	 */
	static boolean isMalformedAnswer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof BytezException || cause instanceof IOException || cause instanceof TimeoutException
					|| cause instanceof Error || cause.getClass().getName().startsWith("io.netty.channel.")
					|| cause.getClass().getName().startsWith("io.netty.handler.timeout.")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A failure whose cause chain, suppressed failures included, shows no key:
	 * {@code failure} itself when no message in it has one, else a copy of the chain with
	 * each message masked (each link keeps its class's name and its stack trace).
	 */
	public Throwable scrubbed(Throwable failure) {
		return hasSecret(failure, 0) ? ScrubbedFailure.of(failure, this::scrub, 0) : failure;
	}

	private boolean hasSecret(Throwable failure, int depth) {
		if (depth > ScrubbedFailure.MAX_DEPTH || this.secrets.length == 0) {
			return false;
		}
		String message = failure.getMessage();
		if (message != null && !scrub(message).equals(message)) {
			return true;
		}
		String text = failure.toString();
		if (!scrub(text).equals(text)) {
			return true;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (hasSecret(suppressed, depth + 1)) {
				return true;
			}
		}
		Throwable cause = failure.getCause();
		return cause != null && cause != failure && hasSecret(cause, depth + 1);
	}

	/**
	 * Read a body as a JSON object, or fail with an
	 * {@link BytezInvalidResponseException}.
	 */
	JsonNode readObject(BytezOperation operation, @Nullable String modelId, HttpStatusCode status, byte[] body) {
		if (body.length == 0) {
			throw invalid(operation, modelId, status, "with an empty body", body);
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid(operation, modelId, status, "that is not JSON", body);
		}
		if (root == null || !root.isObject()) {
			throw invalid(operation, modelId, status, "that is not a JSON object", body);
		}
		return root;
	}

	/**
	 * The exception for a failure below HTTP: a connect failure, a timeout, an exhausted
	 * connection pool, or a connection closed early; Reactor Netty's and the JDK
	 * {@code HttpClient}'s failures map alike.
	 */
	BytezException forTransport(BytezOperation operation, @Nullable String modelId, Throwable failure) {
		if (failure instanceof BytezException bytezException) {
			return bytezException;
		}
		String call = BytezException.describe(operation, modelId);
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (isConnectFailure(cause)) {
				return new BytezConnectException(call + " could not connect to Bytez: " + describe(cause), operation,
						modelId, scrubbed(failure));
			}
			if (cause.getClass().getSimpleName().startsWith(POOL_ACQUIRE)) {
				// before TimeoutException, which PoolAcquireTimeoutException extends;
				// nothing was sent
				return new BytezConnectException(call + " found no free connection in the connection pool ("
						+ describe(cause) + "); raise the pool's maximum connections" + poolSetting()
						+ " or bound calls with " + this.names.of("maxConcurrentRequests"), operation, modelId,
						scrubbed(failure));
			}
			if (NETTY_READ_TIMEOUT.equals(cause.getClass().getName()) || cause instanceof HttpTimeoutException) {
				return responseTimeout(call, operation, modelId, failure);
			}
			if (cause instanceof TimeoutException) {
				return isStreamed(operation)
						? new BytezTimeoutException(
								call + " timed out: the stream sent nothing for longer than the stream idle timeout "
										+ "(" + this.names.of("streamIdleTimeout") + ")",
								operation, modelId, scrubbed(failure))
						: responseTimeout(call, operation, modelId, failure);
			}
		}
		return new BytezTransportException(call + " failed: " + describe(rootCause(failure)), operation, modelId,
				scrubbed(failure));
	}

	private static boolean isConnectFailure(Throwable cause) {
		// Netty's ConnectTimeoutException is a ConnectException, the JDK's an
		// HttpTimeoutException
		return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
				|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
				|| cause instanceof UnresolvedAddressException;
	}

	private BytezTimeoutException responseTimeout(String call, BytezOperation operation, @Nullable String modelId,
			Throwable failure) {
		return new BytezTimeoutException(call + " timed out: Bytez did not answer within the response timeout " + "("
				+ this.names.of("responseTimeout") + ")", operation, modelId, scrubbed(failure));
	}

	/**
	 * The pool is the connector's, not the client's: named only where a framework
	 * configures it.
	 */
	private String poolSetting() {
		String name = this.names.of("pool.maxConnections");
		return name.equals("pool.maxConnections") ? " (the connector's ConnectionProvider)" : " (" + name + ")";
	}

	private static boolean isStreamed(BytezOperation operation) {
		return operation == BytezOperation.STREAM || operation == BytezOperation.STREAM_MEDIA
				|| operation == BytezOperation.STREAM_CHAT_COMPLETIONS || operation == BytezOperation.STREAM_COMPLETIONS
				|| operation == BytezOperation.STREAM_RESPONSES;
	}

	private String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + scrub(message) : "");
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private @Nullable String errorText(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode root = this.mapper.readTree(body);
			JsonNode error = (root != null) ? root.get("error") : null;
			if (error == null || error.isNull()) {
				return null;
			}
			if (error.isString()) {
				return error.stringValue();
			}
			JsonNode message = error.get("message");
			return (message != null && message.isString()) ? message.stringValue() : error.toString();
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A short, single-line, scrubbed excerpt of a body for an exception message.
	 */
	String excerpt(byte[] body) {
		if (body.length == 0) {
			return "(empty)";
		}
		// read a secret's length past the excerpt too, so that no key cut at the end
		// escapes the mask
		int longestSecret = (this.secrets.length > 0) ? this.secrets[0].length() * 4 : 0;
		String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4 + longestSecret),
				StandardCharsets.UTF_8);
		text = scrub(text).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
		if (text.length() > EXCERPT_LENGTH) {
			text = text.substring(0, EXCERPT_LENGTH) + "...";
		}
		return "'" + text + "'";
	}

	/**
	 * Mask every known secret in a text.
	 * @param text the text, such as what the server sent
	 * @return the text with each secret replaced by {@code ******}
	 */
	public String scrub(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

	private @Nullable String scrubOrNull(@Nullable String text) {
		return (text != null) ? scrub(text) : null;
	}

}
