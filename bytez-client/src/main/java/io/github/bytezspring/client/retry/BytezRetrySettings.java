package io.github.bytezspring.client.retry;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.client.settings.BytezSetting;
import io.github.bytezspring.client.settings.SettingRule;

/**
 * The settings of a {@link BytezRetryPolicy}, each described once (option,
 * {@code bytez.retry.*} property, default, rule); the policy checks its values with them.
 */
public final class BytezRetrySettings {

	/** Retries after the first attempt. */
	public static final BytezSetting<Integer> MAX_RETRIES = BytezSetting.of("maxRetries", "retry.max-retries",
			Integer.class, BytezRetryPolicy.DEFAULT_MAX_RETRIES, SettingRule.notNegative());

	/** The wait before the first retry. */
	public static final BytezSetting<Duration> INITIAL_BACKOFF = BytezSetting.of("initialBackoff",
			"retry.initial-backoff", Duration.class, BytezRetryPolicy.DEFAULT_INITIAL_BACKOFF,
			SettingRule.positiveDuration());

	/** The factor each further backoff grows by. */
	public static final BytezSetting<Double> MULTIPLIER = BytezSetting.of("multiplier", "retry.multiplier",
			Double.class, BytezRetryPolicy.DEFAULT_MULTIPLIER, SettingRule.oneOrMore());

	/** The longest backoff. */
	public static final BytezSetting<Duration> MAX_BACKOFF = BytezSetting.of("maxBackoff", "retry.max-backoff",
			Duration.class, BytezRetryPolicy.DEFAULT_MAX_BACKOFF, SettingRule.positiveDuration());

	/** The random fraction of each backoff. */
	public static final BytezSetting<Double> JITTER = BytezSetting.of("jitter", "retry.jitter", Double.class,
			BytezRetryPolicy.DEFAULT_JITTER, SettingRule.fraction());

	/** Whether the server's {@code Retry-After} replaces the backoff. */
	public static final BytezSetting<Boolean> RESPECT_RETRY_AFTER = BytezSetting.of("respectRetryAfter",
			"retry.respect-retry-after", Boolean.class, BytezRetryPolicy.DEFAULT_RESPECT_RETRY_AFTER,
			SettingRule.any());

	/** The longest {@code Retry-After} honoured. */
	public static final BytezSetting<Duration> MAX_RETRY_AFTER = BytezSetting.of("maxRetryAfter",
			"retry.max-retry-after", Duration.class, BytezRetryPolicy.DEFAULT_MAX_RETRY_AFTER,
			SettingRule.positiveDuration());

	private static final List<BytezSetting<?>> ALL = List.of(MAX_RETRIES, INITIAL_BACKOFF, MULTIPLIER, MAX_BACKOFF,
			JITTER, RESPECT_RETRY_AFTER, MAX_RETRY_AFTER);

	private BytezRetrySettings() {
	}

	/**
	 * Every retry setting.
	 * @return the settings, in the order of the policy's components
	 */
	public static List<BytezSetting<?>> all() {
		return ALL;
	}

}
