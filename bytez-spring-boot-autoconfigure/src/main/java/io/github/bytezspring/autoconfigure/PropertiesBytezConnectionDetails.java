package io.github.bytezspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link BytezConnectionDetails} read from the {@code bytez.*} properties, with the
 * {@code BYTEZ_API_KEY} environment variable as the key when {@code bytez.api-key} is
 * unset.
 */
final class PropertiesBytezConnectionDetails implements BytezConnectionDetails {

	/** The environment variable read when {@code bytez.api-key} is unset. */
	static final String API_KEY_ENVIRONMENT_VARIABLE = "BYTEZ_API_KEY";

	private final BytezProperties properties;

	private final Environment environment;

	PropertiesBytezConnectionDetails(BytezProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	/**
	 * The configured key.
	 * @throws MissingBytezApiKeyException when neither the property nor the variable
	 * holds one, or the property holds a placeholder that did not resolve (such as
	 * {@code ${BYTEZ_API_KEY}} with the variable unset)
	 * @throws IllegalArgumentException when the variable holds control characters
	 */
	@Override
	public String getApiKey() {
		String apiKey = this.properties.getApiKey();
		if (StringUtils.hasText(apiKey)) {
			if (UnresolvedPlaceholders.isIn(apiKey)) {
				throw MissingBytezApiKeyException.unresolvedPlaceholder(apiKey);
			}
			return apiKey;
		}
		String fromEnvironment = this.environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE);
		if (StringUtils.hasText(fromEnvironment)) {
			if (fromEnvironment.chars().anyMatch(Character::isISOControl)) {
				throw new IllegalArgumentException("the environment variable " + API_KEY_ENVIRONMENT_VARIABLE
						+ " must not contain control characters such as CR, LF or TAB (the value is not shown)");
			}
			return fromEnvironment;
		}
		throw MissingBytezApiKeyException.unset();
	}

	@Override
	public @Nullable String getProviderKey() {
		return this.properties.getProviderKey();
	}

}
