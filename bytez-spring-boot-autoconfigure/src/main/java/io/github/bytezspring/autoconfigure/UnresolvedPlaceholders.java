package io.github.bytezspring.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds {@code ${...}} placeholders that were left in a bound value because nothing
 * resolved them.
 */
final class UnresolvedPlaceholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}\\s]{1,100}}");

	private UnresolvedPlaceholders() {
	}

	static boolean isIn(@Nullable String value) {
		return value != null && PLACEHOLDER.matcher(value).find();
	}

	/**
	 * The first placeholder in a value, safe to show: the placeholder's own text, never
	 * the rest.
	 */
	static String first(String value) {
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : "${...}";
	}

}
