package io.github.bytezspring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} the client sends: {@code bytez-spring-boot/<version>}.
 */
public final class UserAgent {

	static final String VERSION_RESOURCE = "/io/github/bytezspring/client/bytez-client.properties";

	private UserAgent() {
	}

	/**
	 * The header value.
	 * @return the user agent
	 */
	public static String value() {
		return "bytez-spring-boot/" + version();
	}

	private static String version() {
		try (InputStream in = UserAgent.class.getResourceAsStream(VERSION_RESOURCE)) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
