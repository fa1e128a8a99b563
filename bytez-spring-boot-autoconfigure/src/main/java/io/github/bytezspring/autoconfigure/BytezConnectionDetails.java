package io.github.bytezspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details for a connection to the Bytez API: where it is and the keys that authenticate
 * calls; by default read from the {@code bytez.*} properties, and replaced by a bean of
 * this type (the test stub contributes one).
 */
public interface BytezConnectionDetails extends ConnectionDetails {

	/**
	 * The base URL of the Bytez API.
	 * @return an absolute http or https URL, e.g. {@code https://api.bytez.com}
	 */
	String getBaseUrl();

	/**
	 * The API key, sent as the {@code Authorization} header.
	 * @return the key
	 */
	String getApiKey();

	/**
	 * The default key for closed-source providers, sent as the {@code provider-key}
	 * header when a call gives none.
	 * @return the key, or {@code null} for none
	 */
	default @Nullable String getProviderKey() {
		return null;
	}

}
