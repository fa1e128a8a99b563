package io.github.bytezspring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link BytezStubServer} of a test class annotated with
 * {@link AutoConfigureBytezStub} before each test method, so that scripts, answers and
 * received requests of one test never leak into the next one sharing the cached context;
 * registered in {@code META-INF/spring.factories}.
 */
class BytezStubTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// after dependency injection, before the test's own @BeforeEach methods
		return 5000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureBytezStub.class)) {
			ApplicationContext context = testContext.getApplicationContext();
			if (context.containsBean(BytezStubContextCustomizer.BEAN_NAME)) {
				context.getBean(BytezStubContextCustomizer.BEAN_NAME, BytezStubServer.class).reset();
			}
		}
	}

}
