package io.github.bytezspring.test;

import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts a {@link BytezStubServer} for an application context before it refreshes,
 * registers it as the bean {@value #BEAN_NAME} beside {@code BytezConnectionDetails} that
 * point the auto-configured client at it, and stops the stub when the context is closed
 * (or fails to start).
 * <p>
 * Instances are equal when they make equally strict stubs, so the annotation adds the
 * same part to every context cache key for the same
 * {@link AutoConfigureBytezStub#strict()}.
 */
final class BytezStubContextCustomizer implements ContextCustomizer {

	/** The name of the stub's bean. */
	static final String BEAN_NAME = "bytezStubServer";

	private final boolean strict;

	BytezStubContextCustomizer(boolean strict) {
		this.strict = strict;
	}

	/** The property source that keeps the stubbed client's concurrency limit local. */
	static final String LOCAL_STORE_SOURCE = "bytezStubConcurrencyStore";

	static final String STORE_PROPERTY = "bytez.concurrency.store";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		useLocalStore(context.getEnvironment(), mergedConfig);
		StubBeans.register(context, BEAN_NAME, BytezStubServer.start().strictByDefault(this.strict));
	}

	/**
	 * The stub is one process's Bytez: a budget shared through Redis would only make the
	 * test need a live Redis. So {@code bytez.concurrency.store=local}, above the
	 * application's own configuration, unless the test itself sets the property (inlined
	 * test properties or dynamic ones stay above it).
	 */
	private static void useLocalStore(ConfigurableEnvironment environment,
			@Nullable MergedContextConfiguration mergedConfig) {
		if (mergedConfig != null && Arrays.stream(mergedConfig.getPropertySourceProperties())
			.anyMatch((property) -> property.replace(" ", "").startsWith(STORE_PROPERTY))) {
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource local = new MapPropertySource(LOCAL_STORE_SOURCE, Map.of(STORE_PROPERTY, "local"));
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, local);
		}
		else {
			sources.addFirst(local);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BytezStubContextCustomizer customizer && customizer.strict == this.strict;
	}

	@Override
	public int hashCode() {
		return Boolean.hashCode(this.strict);
	}

}
