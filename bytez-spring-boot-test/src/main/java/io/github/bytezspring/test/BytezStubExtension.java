package io.github.bytezspring.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that starts one {@link BytezStubServer} per test class
 * (shared with its {@code @Nested} classes), stops it after the class, and injects it
 * into test, lifecycle and constructor parameters of type {@code BytezStubServer}.
 * <p>
 * The stub is {@link BytezStubServer#reset() reset} before each test:
 * {@link BytezStubServer#requests()} holds only the current test's requests, and scripts,
 * answers, clusters and pacing set by one test never reach the next. Configure the stub
 * in {@code @BeforeEach} methods or in the test itself, not in {@code @BeforeAll}. For
 * Spring tests, use {@link AutoConfigureBytezStub} instead.
 */
public final class BytezStubExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BytezStubExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		stub(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		stub(context).reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == BytezStubServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return stub(extensionContext);
	}

	/**
	 * The stub of the test class, started on first use and closed by JUnit with the
	 * class's store.
	 */
	private static BytezStubServer stub(ExtensionContext context) {
		return context.getStore(NAMESPACE)
			.computeIfAbsent(BytezStubServer.class, (key) -> BytezStubServer.start(), BytezStubServer.class);
	}

}
