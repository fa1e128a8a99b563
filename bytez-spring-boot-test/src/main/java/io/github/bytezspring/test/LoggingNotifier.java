package io.github.bytezspring.test;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Passes WireMock's messages on to the application's logging: information at DEBUG,
 * errors at WARN.
 */
final class LoggingNotifier implements Notifier {

	private static final Log logger = LogFactory.getLog(BytezStubServer.class);

	@Override
	public void info(String message) {
		if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	@Override
	public void error(String message) {
		logger.warn(message);
	}

	@Override
	public void error(String message, Throwable cause) {
		logger.warn(message, cause);
	}

}
