package io.github.bytezspring.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the Bytez keys out of actuator's {@code /configprops} and {@code /env}, even when
 * an application shows values there ({@code management.endpoint.*.show-values=always}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SanitizingFunction.class)
class BytezSanitizingConfiguration {

	/** Property names, as the endpoints report them, that hold a Bytez key. */
	private static final Set<String> KEY_NAMES = Set.of("bytez.api-key", "bytez.apikey", "bytez.provider-key",
			"bytez.providerkey", "bytez_api_key", "bytez_provider_key");

	@Bean
	@ConditionalOnMissingBean(name = "bytezKeySanitizingFunction")
	SanitizingFunction bytezKeySanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(BytezSanitizingConfiguration::isBytezKey);
	}

	static boolean isBytezKey(String key) {
		String name = key.toLowerCase(Locale.ROOT);
		return KEY_NAMES.contains(name) || name.equals("apikey") || name.equals("providerkey");
	}

}
