package io.github.bytezspring.test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link BytezStubServer} for an application context before it refreshes, registers it as the
 * bean {@value #BEAN_NAME} beside {@code BytezConnectionDetails} that point the auto-configured client
 * at it, and stops the stub when the context is closed (or fails to start).
 * <p>
 * Instances are equal when they make equally strict stubs, so the annotation adds the same part to
 * every context cache key for the same {@link AutoConfigureBytezStub#strict()}.
 */
final class BytezStubContextCustomizer implements ContextCustomizer {

	/** The name of the stub's bean. */
	static final String BEAN_NAME = "bytezStubServer";

	private final boolean strict;

	BytezStubContextCustomizer(boolean strict) {
		this.strict = strict;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		StubBeans.register(context, BEAN_NAME, BytezStubServer.start().strictByDefault(this.strict));
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
