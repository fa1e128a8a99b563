package io.github.bytezspring.test;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Keeps the concurrency limit local in an application launched against the stub with
 * {@link BytezStubTestConfiguration}, as {@link AutoConfigureBytezStub} does in tests:
 * the stub is one process's Bytez, and a budget shared through Redis
 * ({@code bytez.concurrency.store=redis} in the application's configuration) would only
 * make the launcher need a live Redis. Command-line arguments, system properties and
 * environment variables still win; the application's configuration files do not.
 * <p>
 * An {@code EnvironmentPostProcessor} because the property decides which configuration
 * applies, so it must be set before the configuration classes are read, which a bean of
 * {@link BytezStubTestConfiguration} cannot do.
 */
public class BytezStubLauncherEnvironment implements EnvironmentPostProcessor, Ordered {

	/** The property source that keeps the launched application's limit local. */
	static final String SOURCE_NAME = "bytezStubLauncherConcurrencyStore";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(BytezStubTestConfiguration.class)) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource local = new MapPropertySource(SOURCE_NAME,
				Map.of(BytezStubContextCustomizer.STORE_PROPERTY, "local"));
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, local);
		}
		else {
			sources.addFirst(local);
		}
	}

	@Override
	public int getOrder() {
		// after the configuration files are read, so that it goes above them
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
