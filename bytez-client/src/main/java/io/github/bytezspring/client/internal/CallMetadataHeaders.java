package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads Bytez's rate-limit and metering headers defensively: a header that is absent,
 * malformed or implausibly long is ignored (each header's first bad value logged once at
 * DEBUG), never a failure.
 */
public final class CallMetadataHeaders {

	static final String LIMIT = "ratelimit-limit";

	static final String REMAINING = "ratelimit-remaining";

	static final String RESET = "ratelimit-reset";

	static final String INFERENCE_TIME = "inference-time";

	static final String INFERENCE_METER = "inference-meter";

	// longer than any number or meter name Bytez sends: such a value is not read at all
	private static final int MAX_LENGTH = 64;

	// a day: more than any plausible reset or inference time
	private static final long MAX_SECONDS = 86_400;

	private static final Log logger = LogFactory.getLog(CallMetadataHeaders.class);

	private static final Map<String, Boolean> logged = new ConcurrentHashMap<>();

	private CallMetadataHeaders() {
	}

	/**
	 * The metadata the headers carry.
	 * @param headers an answer's headers
	 * @return the metadata, {@link BytezCallMetadata#empty()} when there is none
	 */
	public static BytezCallMetadata parse(HttpHeaders headers) {
		if (headers == null) {
			return BytezCallMetadata.empty();
		}
		return BytezCallMetadata.of(integer(headers, LIMIT), integer(headers, REMAINING), reset(headers),
				seconds(headers, INFERENCE_TIME), meter(headers));
	}

	/**
	 * The {@code ratelimit-reset} wait, seconds from now.
	 * @param headers an answer's headers
	 * @return the wait, or {@code null} when absent or unreadable
	 */
	public static @Nullable Duration reset(HttpHeaders headers) {
		return seconds(headers, RESET);
	}

	private static @Nullable Integer integer(HttpHeaders headers, String name) {
		String value = value(headers, name);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// ignored below
		}
		return ignored(name, value);
	}

	private static @Nullable Duration seconds(HttpHeaders headers, String name) {
		String value = value(headers, name);
		if (value == null) {
			return null;
		}
		String number = value.endsWith("s") && !value.endsWith("ms") ? value.substring(0, value.length() - 1) : value;
		boolean millis = value.endsWith("ms");
		if (millis) {
			number = value.substring(0, value.length() - 2);
		}
		try {
			BigDecimal amount = new BigDecimal(number.trim());
			BigDecimal seconds = millis ? amount.movePointLeft(3) : amount;
			if (seconds.signum() >= 0 && seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) <= 0) {
				return Duration.ofNanos(seconds.movePointRight(9).longValue());
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// ignored below
		}
		return ignored(name, value);
	}

	private static @Nullable String meter(HttpHeaders headers) {
		String value = value(headers, INFERENCE_METER);
		if (value == null) {
			return null;
		}
		if (value.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return value;
		}
		return ignored(INFERENCE_METER, value);
	}

	private static @Nullable String value(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null) {
			return null;
		}
		value = value.trim();
		if (value.isEmpty() || value.length() > MAX_LENGTH) {
			return ignored(name, value);
		}
		return value;
	}

	private static <T> @Nullable T ignored(String name, String value) {
		if (logger.isDebugEnabled() && logged.putIfAbsent(name, Boolean.TRUE) == null) {
			boolean printable = value.length() <= MAX_LENGTH && value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
			String shown = printable ? "'" + value + "'" : value.length() + " characters";
			logger.debug(
					"Ignoring the " + name + " header Bytez sent, which cannot be read: " + shown + " (logged once)");
		}
		return null;
	}

}
