package io.github.bytezspring.client.settings;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * A rule a setting's value must follow, with the words that say it ("must not be
 * negative"); each rule is written here once, and both the client's builder and Spring
 * Boot's property validation apply it.
 *
 * @param <T> the type of the value
 * @param text what a valid value is, as a sentence's predicate, e.g.
 * {@code must not be negative}
 * @param test whether a value is valid ({@code null} included, which a test may accept or
 * refuse)
 */
public record SettingRule<T>(String text, Predicate<@Nullable T> test) {

	private static final long TWO_GB = Integer.MAX_VALUE;

	/**
	 * Whether a value follows this rule.
	 * @param value the value, maybe {@code null}
	 * @return whether it is valid
	 */
	public boolean accepts(@Nullable T value) {
		return this.test.test(value);
	}

	/**
	 * Any value, {@code null} included: for flags, enums and names, whose type is their
	 * rule.
	 * @param <T> the type
	 * @return the rule
	 */
	public static <T> SettingRule<T> any() {
		return new SettingRule<>("", (value) -> true);
	}

	/**
	 * Any value but {@code null}.
	 * @param <T> the type
	 * @return the rule
	 */
	public static <T> SettingRule<T> notNull() {
		return new SettingRule<>("must not be null", (value) -> value != null);
	}

	/**
	 * A positive duration.
	 * @return the rule
	 */
	public static SettingRule<Duration> positiveDuration() {
		return new SettingRule<>("must be a positive duration, e.g. 10s",
				(value) -> value != null && !value.isNegative() && !value.isZero());
	}

	/**
	 * A positive duration, or {@code null} for no limit.
	 * @return the rule
	 */
	public static SettingRule<Duration> positiveDurationOrNone() {
		return new SettingRule<>("must be a positive duration, e.g. 10s",
				(value) -> value == null || (!value.isNegative() && !value.isZero()));
	}

	/**
	 * A duration of at least the given one.
	 * @param least the shortest valid duration
	 * @param example a valid value, as a user writes it
	 * @return the rule
	 */
	public static SettingRule<Duration> atLeast(Duration least, String example) {
		return new SettingRule<>("must be at least " + least.toSeconds() + "s, e.g. " + example,
				(value) -> value != null && value.compareTo(least) >= 0);
	}

	/**
	 * A whole number of 0 or more.
	 * @return the rule
	 */
	public static SettingRule<Integer> notNegative() {
		return new SettingRule<>("must not be negative", (value) -> value != null && value >= 0);
	}

	/**
	 * A whole number of 1 or more.
	 * @return the rule
	 */
	public static SettingRule<Integer> positive() {
		return new SettingRule<>("must be 1 or more", (value) -> value != null && value >= 1);
	}

	/**
	 * A number of 1 or more.
	 * @return the rule
	 */
	public static SettingRule<Double> oneOrMore() {
		return new SettingRule<>("must be 1 or more", (value) -> value != null && value >= 1);
	}

	/**
	 * A fraction, from 0 to 1.
	 * @return the rule
	 */
	public static SettingRule<Double> fraction() {
		return new SettingRule<>("must be between 0 and 1", (value) -> value != null && value >= 0 && value <= 1);
	}

	/**
	 * An amount of money of 0 or more, or {@code null} for none.
	 * @return the rule
	 */
	public static SettingRule<BigDecimal> notNegativeAmountOrNone() {
		return new SettingRule<>("must not be negative (US dollars, e.g. 5.00)",
				(value) -> value == null || value.signum() >= 0);
	}

	/**
	 * A duration of at least one millisecond, e.g. a period that money is counted over.
	 * @return the rule
	 */
	public static SettingRule<Duration> positiveMillis() {
		return new SettingRule<>("must be a positive duration of at least 1ms, e.g. 1d",
				(value) -> value != null && !value.isNegative() && value.toMillis() > 0);
	}

	/**
	 * A size of 0 or more.
	 * @return the rule
	 */
	public static SettingRule<DataSize> notNegativeSize() {
		return new SettingRule<>("must not be negative, e.g. 20MB", (value) -> value != null && !value.isNegative());
	}

	/**
	 * A positive size that a byte array can hold: at most 2GB.
	 * @return the rule
	 */
	public static SettingRule<DataSize> inMemorySize() {
		return new SettingRule<>("must be a positive size of at most 2GB, e.g. 16MB",
				(value) -> value != null && value.toBytes() > 0 && value.toBytes() <= TWO_GB);
	}

	/**
	 * An absolute http or https URL with a host.
	 * @return the rule
	 */
	public static SettingRule<String> httpUrl() {
		return new SettingRule<>("must be an absolute http or https URL with a host, e.g. https://api.bytez.com",
				SettingRule::isHttpUrl);
	}

	/**
	 * A redis:// or rediss:// URL, or none.
	 * @return the rule
	 */
	public static SettingRule<String> redisUrlOrNone() {
		return new SettingRule<>("must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379",
				(value) -> value == null || value.matches("rediss?://\\S+"));
	}

	/**
	 * Text that is not blank, or none.
	 * @param whenNone what none means, said after the rule
	 * @return the rule
	 */
	public static SettingRule<String> notBlankOrNone(String whenNone) {
		return new SettingRule<>("must not be blank; " + whenNone,
				(value) -> value == null || StringUtils.hasText(value));
	}

	/**
	 * A key an HTTP header can carry: no control characters (CR, LF, TAB...), or none.
	 * Its value is never shown.
	 * @return the rule
	 */
	public static SettingRule<String> headerSafeKey() {
		return new SettingRule<>("must not contain control characters such as CR, LF or TAB (the value is not shown)",
				(value) -> value == null || value.chars().noneMatch(Character::isISOControl));
	}

	private static boolean isHttpUrl(@Nullable String url) {
		if (url == null) {
			return false;
		}
		try {
			URI uri = new URI(url);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& StringUtils.hasText(uri.getHost());
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
