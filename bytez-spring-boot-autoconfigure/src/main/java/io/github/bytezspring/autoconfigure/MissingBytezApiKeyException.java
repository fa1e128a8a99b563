package io.github.bytezspring.autoconfigure;

/**
 * Thrown at startup when neither {@code bytez.api-key} nor {@code BYTEZ_API_KEY} is set.
 */
public class MissingBytezApiKeyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	MissingBytezApiKeyException() {
		super("No Bytez API key: set the property 'bytez.api-key' or the environment variable 'BYTEZ_API_KEY'");
	}

}
