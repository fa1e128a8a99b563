package io.github.bytezspring.samples.quickstart;

import java.util.Map;

import io.github.bytezspring.test.BytezStubServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a {@link BytezStubServer} once the application's environment is ready (and its logging
 * configured) and points {@code bytez.base-url} and {@code bytez.api-key} at it, ahead of every other
 * property source.
 */
final class EmbeddedBytezStub implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, AutoCloseable {

	private static final Log logger = LogFactory.getLog(QuickstartApplication.class);

	private BytezStubServer stub;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (this.stub == null) {
			this.stub = BytezStubServer.start();
		}
		event.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embeddedBytezStub",
					Map.of("bytez.base-url", this.stub.baseUrl(), "bytez.api-key", BytezStubServer.API_KEY)));
		logger.info(QuickstartApplication.API_KEY_VARIABLE + " is not set: using the embedded Bytez stub at "
				+ this.stub.baseUrl() + " (no network, canned answers). Set " + QuickstartApplication.API_KEY_VARIABLE
				+ " to call the real API.");
	}

	@Override
	public void close() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

}
