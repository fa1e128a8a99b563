package io.github.bytezspring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Bytez client, bound from {@code bytez.*}.
 */
@ConfigurationProperties("bytez")
public class BytezProperties {

	/**
	 * Whether to auto-configure the Bytez client.
	 */
	private boolean enabled = true;

	/**
	 * Bytez API key, sent as the Authorization header. When unset, the BYTEZ_API_KEY environment
	 * variable is used.
	 */
	private String apiKey;

	/**
	 * Base URL of the Bytez API.
	 */
	private String baseUrl = "https://api.bytez.com";

	/**
	 * Default key for closed-source providers (OpenAI, Anthropic, Google, Mistral, Cohere), sent as the
	 * provider-key header when a call does not give its own.
	 */
	private String providerKey;

	/**
	 * Longest time to wait for a connection to Bytez.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time to wait for Bytez to start answering; cold models can take minutes to start.
	 */
	private Duration responseTimeout = Duration.ofMinutes(15);

	/**
	 * Longest gap between two chunks of a streamed answer (and between its headers and first chunk).
	 */
	private Duration streamIdleTimeout = Duration.ofMinutes(2);

	/**
	 * Largest JSON answer decoded into memory.
	 */
	private DataSize maxInMemorySize = DataSize.ofMegabytes(16);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getProviderKey() {
		return this.providerKey;
	}

	public void setProviderKey(String providerKey) {
		this.providerKey = providerKey;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getStreamIdleTimeout() {
		return this.streamIdleTimeout;
	}

	public void setStreamIdleTimeout(Duration streamIdleTimeout) {
		this.streamIdleTimeout = streamIdleTimeout;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

}
