package io.github.bytezspring.client.settings;

import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One setting, described once: what the client's builder calls it, what it is called
 * under Spring Boot's {@code bytez.*} prefix, its type, its default and its rule.
 *
 * @param <T> the type of the value (boxed for primitives)
 * @param option the builder option, e.g. {@code maxPendingRequests}, or {@code null} for
 * a setting only Spring Boot has (e.g. the connection pool's)
 * @param property the property below {@code bytez.}, dashed, e.g.
 * {@code max-pending-requests}
 * @param type the type of the value
 * @param defaultValue the default, the client's own constant, or {@code null} for none
 * @param rule the rule every value must follow
 * @param secret whether the value is a key, never to be shown
 */
public record BytezSetting<T>(@Nullable String option, String property, Class<T> type, @Nullable T defaultValue,
		SettingRule<T> rule, boolean secret) {

	/** The prefix of Spring Boot's properties. */
	public static final String PREFIX = "bytez.";

	/**
	 * Check what a setting is.
	 * @param option the builder option
	 * @param property the dashed property below {@code bytez.}
	 * @param type the type
	 * @param defaultValue the default
	 * @param rule the rule
	 * @param secret whether the value is a key
	 */
	public BytezSetting {
		Assert.hasText(property, "property must not be empty");
		Assert.isTrue(property.equals(property.toLowerCase(Locale.ROOT)), "property must be dashed lower case");
		Assert.isTrue(defaultValue == null || rule.accepts(defaultValue),
				() -> property + "'s default " + defaultValue + " breaks its own rule");
	}

	/**
	 * A setting of the client's builder, mapped to a {@code bytez.*} property.
	 * @param <T> the type
	 * @param option the builder option
	 * @param property the dashed property below {@code bytez.}
	 * @param type the type
	 * @param defaultValue the default
	 * @param rule the rule
	 * @return the setting
	 */
	public static <T> BytezSetting<T> of(String option, String property, Class<T> type, @Nullable T defaultValue,
			SettingRule<T> rule) {
		return new BytezSetting<>(option, property, type, defaultValue, rule, false);
	}

	/**
	 * A setting only Spring Boot has, with no builder option.
	 * @param <T> the type
	 * @param property the dashed property below {@code bytez.}
	 * @param type the type
	 * @param defaultValue the default
	 * @param rule the rule
	 * @return the setting
	 */
	public static <T> BytezSetting<T> property(String property, Class<T> type, @Nullable T defaultValue,
			SettingRule<T> rule) {
		return new BytezSetting<>(null, property, type, defaultValue, rule, false);
	}

	/**
	 * The same setting, as a key whose value is never shown.
	 * @return the setting
	 */
	public BytezSetting<T> asSecret() {
		return new BytezSetting<>(this.option, this.property, this.type, this.defaultValue, this.rule, true);
	}

	/**
	 * The full property, e.g. {@code bytez.max-pending-requests}.
	 * @return the property
	 */
	public String propertyName() {
		return PREFIX + this.property;
	}

	/**
	 * The value, checked.
	 * @param value the value
	 * @param naming what the user calls the builder option (the option itself, or a
	 * property)
	 * @return the value
	 * @throws IllegalArgumentException naming the setting and the rule, and the value
	 * unless it is a key
	 */
	public @Nullable T check(@Nullable T value, Function<String, String> naming) {
		if (!this.rule.accepts(value)) {
			String name = naming.apply((this.option != null) ? this.option : this.property);
			throw new IllegalArgumentException(name + " " + this.rule.text() + (this.secret ? "" : ", was " + value));
		}
		return value;
	}

	/**
	 * What is wrong with a value, for a framework that reports it in its own way.
	 * @param value the value, of this setting's type or {@code null}
	 * @return the rule's words when the value breaks it, else {@code null}
	 * @throws ClassCastException when the value is of another type
	 */
	public @Nullable String violation(@Nullable Object value) {
		return this.rule.accepts(this.type.cast(value)) ? null : this.rule.text();
	}

	/**
	 * The value, checked, naming the builder option in the message.
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException naming the option and the rule
	 */
	public @Nullable T check(@Nullable T value) {
		return check(value, Function.identity());
	}

}
