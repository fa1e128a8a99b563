package io.github.bytezspring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the application context of a test class annotated with
 * {@link AutoConfigureBytezStub} a {@link BytezStubContextCustomizer}; registered in
 * {@code META-INF/spring.factories}.
 */
class BytezStubContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureBytezStub annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureBytezStub.class);
		return (annotation != null) ? new BytezStubContextCustomizer(annotation.strict()) : null;
	}

}
