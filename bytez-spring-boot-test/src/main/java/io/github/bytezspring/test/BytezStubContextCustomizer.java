package io.github.bytezspring.test;

import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link BytezStubServer} for an application context before it refreshes, puts
 * {@code bytez.base-url} and {@code bytez.api-key} first among its property sources, registers the stub
 * as the bean {@value #BEAN_NAME}, and stops the stub when the context is closed (or fails to start).
 * <p>
 * All instances are equal, so the annotation adds the same part to every context cache key.
 */
final class BytezStubContextCustomizer implements ContextCustomizer {

	/** The name of the stub's bean. */
	static final String BEAN_NAME = "bytezStubServer";

	static final String PROPERTY_SOURCE_NAME = "bytezStubServer";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		BytezStubServer stub = BytezStubServer.start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("bytez.base-url", stub.baseUrl(), "bytez.api-key", BytezStubServer.API_KEY)));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, stub);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// called when the context closes and also when its refresh fails
			registry.registerDisposableBean(BEAN_NAME, stub::close);
		}
		else {
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					stub.close();
				}
			});
		}
	}

	@Override
	public boolean equals(Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
