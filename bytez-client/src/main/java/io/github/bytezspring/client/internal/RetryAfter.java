package io.github.bytezspring.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads how long a server asks the client to wait: {@code retry-after-ms}, or
 * {@code Retry-After} as delta-seconds or an HTTP-date.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait the headers ask for.
	 * @param headers the response headers
	 * @param clock the clock an HTTP-date is measured against
	 * @return the wait (zero for a date in the past), or {@code null} when the headers
	 * ask for none or cannot be read
	 */
	public static @Nullable Duration parse(HttpHeaders headers, Clock clock) {
		String millis = headers.getFirst("retry-after-ms");
		if (millis != null) {
			try {
				double value = Double.parseDouble(millis.trim());
				if (value >= 0 && Double.isFinite(value)) {
					return Duration.ofNanos((long) (value * 1_000_000));
				}
			}
			catch (NumberFormatException ex) {
				// fall through to Retry-After
			}
		}
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		value = value.trim();
		if (value.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(value));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		try {
			Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), when);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
