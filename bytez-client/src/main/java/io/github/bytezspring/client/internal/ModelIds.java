package io.github.bytezspring.client.internal;

/**
 * Checks model ids before they go into a request path, so that no id can change which URL
 * is called.
 */
public final class ModelIds {

	private ModelIds() {
	}

	/**
	 * Reject an id that is not of the form {@code org/name} with safe characters.
	 * @param modelId the id to check
	 * @return the id
	 * @throws IllegalArgumentException naming the problem
	 */
	public static String validate(String modelId) {
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException("modelId must not be null or blank");
		}
		for (int i = 0; i < modelId.length(); i++) {
			char c = modelId.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				throw new IllegalArgumentException(
						quoted(modelId) + " must not contain whitespace or control characters");
			}
			if (c == '?' || c == '#') {
				throw new IllegalArgumentException(quoted(modelId) + " must not contain '?' or '#'");
			}
			if (c == '%' || c == '\\') {
				throw new IllegalArgumentException(
						quoted(modelId) + " must not contain '%' or '\\' (encoded or escaped paths)");
			}
		}
		if (modelId.contains("..")) {
			throw new IllegalArgumentException(quoted(modelId) + " must not contain '..'");
		}
		int slash = modelId.indexOf('/');
		if (slash <= 0 || slash == modelId.length() - 1 || modelId.indexOf('/', slash + 1) >= 0) {
			throw new IllegalArgumentException(quoted(modelId) + " must have the form 'org/name' with exactly one '/'");
		}
		for (int i = 0; i < modelId.length(); i++) {
			char c = modelId.charAt(i);
			if (c != '/' && !isAllowed(c)) {
				throw new IllegalArgumentException(quoted(modelId)
						+ " must contain only letters, digits, '.', '_', '-' and one '/', not '" + c + "'");
			}
		}
		if (modelId.startsWith(".") || modelId.contains("/.")) {
			throw new IllegalArgumentException(quoted(modelId) + " must not have a part starting with '.'");
		}
		return modelId;
	}

	// built only for a message: every call checks its model id, and almost every id is
	// valid
	private static String quoted(String modelId) {
		return "modelId '" + modelId + "'";
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == '-';
	}

}
