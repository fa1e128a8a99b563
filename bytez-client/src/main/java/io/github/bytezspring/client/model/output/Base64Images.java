package io.github.bytezspring.client.model.output;

import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the base64 images some tasks answer with, bare or as data URLs.
 */
final class Base64Images {

	private Base64Images() {
	}

	static byte[] decode(@Nullable String image, String field) {
		if (image == null) {
			throw new IllegalArgumentException(field + " is missing from the output");
		}
		String base64 = image.startsWith("data:") ? image.substring(image.indexOf(',') + 1) : image;
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(field + " is not base64: " + ex.getMessage(), ex);
		}
	}

}
