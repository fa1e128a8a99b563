package io.github.bytezspring.test;

import java.util.List;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BytezStubContextCustomizerFactory} and
 * {@link BytezStubContextCustomizer}.
 */
class BytezStubContextCustomizerTests {

	private final BytezStubContextCustomizerFactory factory = new BytezStubContextCustomizerFactory();

	@Test
	void onlyAnnotatedTestClassesGetACustomizerAndAllOfThemAreEqual() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
		ContextCustomizer first = this.factory.createContextCustomizer(Annotated.class, List.of());
		ContextCustomizer second = this.factory.createContextCustomizer(Inheriting.class, List.of());
		assertThat(first).isNotNull().isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(this.factory.createContextCustomizer(Annotated.Inner.class, List.of())).isEqualTo(first);
		ContextCustomizer lenient = this.factory.createContextCustomizer(Lenient.class, List.of());
		assertThat(lenient).isNotNull().isNotEqualTo(first);
		assertThat(lenient).isEqualTo(new BytezStubContextCustomizer(false))
			.hasSameHashCodeAs(new BytezStubContextCustomizer(false));
	}

	@Test
	void theAnnotationsStrictnessReachesTheStubAndSurvivesAReset() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			this.factory.createContextCustomizer(Lenient.class, List.of()).customizeContext(context, null);
			context.refresh();
			BytezStubServer stub = context.getBean(BytezStubServer.class);
			assertThat(stub.isStrict()).isFalse();
			stub.strict(true);
			stub.reset();
			assertThat(stub.isStrict()).isFalse();
		}
	}

	@Test
	void startsTheStubBeforeRefreshAndStopsItWhenTheContextCloses() {
		BytezStubServer stub;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			new BytezStubContextCustomizer(true).customizeContext(context, null);
			context.refresh();
			stub = context.getBean(BytezStubServer.class);
			assertThat(stub.wireMock().isRunning()).isTrue();
			assertThat(stub.isStrict()).isTrue();
			BytezConnectionDetails details = context.getBean(BytezConnectionDetails.class);
			assertThat(details.getBaseUrl()).isEqualTo(stub.baseUrl());
			assertThat(details.getApiKey()).isEqualTo(BytezStubServer.API_KEY);
			assertThat(details.getProviderKey()).isNull();
			// nothing is pushed into the environment
			assertThat(context.getEnvironment().getProperty("bytez.base-url")).isNull();
			assertThat(context.getEnvironment().getProperty("bytez.api-key")).isNull();
		}
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	@Test
	void stopsTheStubWhenTheContextFailsToStart() {
		GenericApplicationContext context = new GenericApplicationContext();
		new BytezStubContextCustomizer(true).customizeContext(context, null);
		BytezStubServer stub = (BytezStubServer) context.getBeanFactory()
			.getSingleton(BytezStubContextCustomizer.BEAN_NAME);
		context.registerBean("broken", String.class, () -> {
			throw new IllegalStateException("broken bean");
		});
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	static class Plain {

	}

	@AutoConfigureBytezStub
	static class Annotated {

		class Inner {

		}

	}

	static class Inheriting extends Annotated {

	}

	@AutoConfigureBytezStub(strict = false)
	static class Lenient {

	}

}
