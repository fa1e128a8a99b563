package io.github.bytezspring.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that starts one {@link BytezStubServer} per test class (shared with its
 * {@code @Nested} classes), stops it after the class, and injects it into test, lifecycle and
 * constructor parameters of type {@code BytezStubServer}.
 * <p>
 * The stub forgets its received requests before each test, so {@link BytezStubServer#requests()} holds
 * only the current test's requests; other changes, such as {@link BytezStubServer#streamChunks}, last
 * for the whole class.
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
		stub(context).resetRequests();
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
	 * The stub of the test class, started on first use and closed by JUnit with the class's store.
	 */
	private static BytezStubServer stub(ExtensionContext context) {
		return context.getStore(NAMESPACE)
			.computeIfAbsent(BytezStubServer.class, (key) -> BytezStubServer.start(), BytezStubServer.class);
	}

}
