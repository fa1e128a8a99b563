package io.github.bytezspring.autoconfigure;

/**
 * Thrown at startup when neither {@code bytez.api-key} nor {@code BYTEZ_API_KEY} holds a
 * key, also when {@code bytez.api-key} holds a placeholder that did not resolve.
 */
public class MissingBytezApiKeyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	MissingBytezApiKeyException() {
		this("the property 'bytez.api-key' is unset and so is the environment variable 'BYTEZ_API_KEY'");
	}

	private MissingBytezApiKeyException(String reason) {
		super("No Bytez API key: " + reason
				+ "; set the property 'bytez.api-key' or the environment variable 'BYTEZ_API_KEY'");
		this.reason = reason;
	}

	static MissingBytezApiKeyException unset() {
		return new MissingBytezApiKeyException();
	}

	static MissingBytezApiKeyException unresolvedPlaceholder(String apiKey) {
		String placeholder = UnresolvedPlaceholders.first(apiKey);
		return new MissingBytezApiKeyException("the property 'bytez.api-key' holds the placeholder '" + placeholder
				+ "', which nothing resolved (is the environment variable 'BYTEZ_API_KEY' unset?)");
	}

	/**
	 * Why no key was found, for the failure report.
	 * @return the reason, naming the property and the environment variable
	 */
	String getReason() {
		return this.reason;
	}

}
