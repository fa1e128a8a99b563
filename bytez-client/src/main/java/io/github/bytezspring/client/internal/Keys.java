package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.settings.SettingRule;
import org.jspecify.annotations.Nullable;

/**
 * Checks keys before they become header values: a key with CR, LF or another control
 * character could split the header, and fails only after a connection was opened, so it
 * is rejected up front.
 */
public final class Keys {

	private Keys() {
	}

	/**
	 * Reject a key that contains a control character; the message names the setting,
	 * never the key.
	 * @param key the key, or {@code null} when none is set
	 * @param name what the key is called, e.g. {@code apiKey}
	 * @throws IllegalArgumentException when the key contains a control character
	 */
	public static void requireNoControlCharacters(@Nullable String key, String name) {
		SettingRule<String> rule = SettingRule.headerSafeKey();
		if (!rule.accepts(key)) {
			throw new IllegalArgumentException(name + " " + rule.text());
		}
	}

}
