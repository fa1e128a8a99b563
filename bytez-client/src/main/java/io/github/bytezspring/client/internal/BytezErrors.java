package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezOperation;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * Turns failed exchanges into the typed exceptions of this package, quoting only short, scrubbed
 * excerpts of what the server sent and never the keys.
 */
public final class BytezErrors {

	private static final int EXCERPT_LENGTH = 200;

	private static final String READ_TIMEOUT = "io.netty.handler.timeout.ReadTimeoutException";

	private final ObjectMapper mapper;

	private final Clock clock;

	private final String[] secrets;

	public BytezErrors(ObjectMapper mapper, Clock clock, String... secrets) {
		this.mapper = mapper;
		this.clock = clock;
		this.secrets = secrets;
	}

	/**
	 * The exception for an answer with an error status.
	 */
	BytezApiException forStatus(BytezOperation operation, String modelId, HttpStatusCode status, HttpHeaders headers,
			byte[] body) {
		String errorText = errorText(body);
		int code = status.value();
		String message = BytezException.describe(operation, modelId) + " failed with HTTP " + code
				+ ((errorText != null) ? ": " + scrub(errorText) : "; body: " + excerpt(body));
		if (code == 401 || code == 403) {
			return new BytezAuthenticationException(message, operation, modelId, code, errorText);
		}
		if (code == 429) {
			return new BytezRateLimitException(message, operation, modelId, errorText,
					RetryAfter.parse(headers, this.clock));
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
	BytezApiException forErrorInBody(BytezOperation operation, String modelId, HttpStatusCode status,
			JsonNode error) {
		String errorText = error.isString() ? error.stringValue() : error.toString();
		return new BytezApiException(BytezException.describe(operation, modelId) + " failed: " + scrub(errorText)
				+ " (HTTP " + status.value() + " with an error in the body)", operation, modelId, status.value(),
				errorText);
	}

	/**
	 * The exception for a body that is not the JSON Bytez sends.
	 */
	public BytezInvalidResponseException invalid(BytezOperation operation, String modelId, HttpStatusCode status,
			String problem, byte[] body) {
		return new BytezInvalidResponseException(BytezException.describe(operation, modelId) + " got an answer "
				+ problem + " (HTTP " + status.value() + "); body: " + excerpt(body), operation, modelId,
				status.value());
	}

	/**
	 * Read a body as a JSON object, or fail with an {@link BytezInvalidResponseException}.
	 */
	JsonNode readObject(BytezOperation operation, String modelId, HttpStatusCode status, byte[] body) {
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
	 * The exception for a failure below HTTP: connect, timeout, or a connection closed early.
	 */
	BytezException forTransport(BytezOperation operation, String modelId, Throwable failure) {
		if (failure instanceof BytezException bytezException) {
			return bytezException;
		}
		String call = BytezException.describe(operation, modelId);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof UnresolvedAddressException) {
				return new BytezConnectException(call + " could not connect to Bytez: " + describe(cause), operation,
						modelId, failure);
			}
			if (cause instanceof TimeoutException) {
				return new BytezTimeoutException(
						call + " timed out: the stream sent nothing for longer than bytez.stream-idle-timeout",
						operation, modelId, failure);
			}
			if (cause.getClass().getSimpleName().startsWith("PoolAcquire")) {
				// Reactor Netty's pool had no connection to give within its limits: nothing was sent
				return new BytezConnectException(call + " found no free connection to Bytez (" + describe(cause)
						+ "); raise bytez.pool.max-connections or bound calls with bytez.max-concurrent-requests",
						operation, modelId, failure);
			}
			if (READ_TIMEOUT.equals(cause.getClass().getName())) {
				return new BytezTimeoutException(
						call + " timed out: Bytez did not answer within bytez.response-timeout", operation, modelId,
						failure);
			}
		}
		return new BytezTransportException(call + " failed: " + describe(rootCause(failure)), operation, modelId,
				failure);
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

	private String errorText(byte[] body) {
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
		String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4), StandardCharsets.UTF_8);
		text = scrub(text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip());
		if (text.length() > EXCERPT_LENGTH) {
			text = text.substring(0, EXCERPT_LENGTH) + "...";
		}
		return "'" + text + "'";
	}

	private String scrub(String text) {
		String result = text;
		for (String secret : this.secrets) {
			if (secret != null && !secret.isEmpty()) {
				result = result.replace(secret, "******");
			}
		}
		return result;
	}

}
