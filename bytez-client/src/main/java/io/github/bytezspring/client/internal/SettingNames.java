package io.github.bytezspring.client.internal;

import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * What the client's settings are called where its user configures them: the builder
 * option by default ({@code maxPendingRequests}), or what a framework maps it to (Spring
 * Boot's {@code bytez.max-pending-requests}); used when messages name a setting.
 */
public final class SettingNames {

	private static final SettingNames BUILDER_OPTIONS = new SettingNames(Function.identity());

	private final Function<String, String> naming;

	private SettingNames(Function<String, String> naming) {
		this.naming = naming;
	}

	/**
	 * The builder options' own names.
	 * @return the naming
	 */
	public static SettingNames builderOptions() {
		return BUILDER_OPTIONS;
	}

	/**
	 * A naming that maps builder option names, e.g. {@code maxPendingRequests}, to the
	 * user's.
	 * @param naming the mapping
	 * @return the naming
	 */
	public static SettingNames of(Function<String, String> naming) {
		Assert.notNull(naming, "naming must not be null");
		return new SettingNames(naming);
	}

	/**
	 * What the user calls a builder option.
	 * @param option the builder option, e.g. {@code maxPendingRequests}
	 * @return its name for the user
	 */
	public String of(String option) {
		String name = this.naming.apply(option);
		return (name != null) ? name : option;
	}

}
