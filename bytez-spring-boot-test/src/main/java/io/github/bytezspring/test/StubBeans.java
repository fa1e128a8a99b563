package io.github.bytezspring.test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;

/**
 * Registers a running {@link BytezStubServer} in an application context before it
 * refreshes: the stub as a bean, {@link BytezStubConnectionDetails} pointing the
 * auto-configured client at it (when the auto-configuration is on the class path), and
 * the stub's closing with the context, also when its refresh fails.
 */
final class StubBeans {

	private static final boolean AUTOCONFIGURE_PRESENT = ClassUtils
		.isPresent("io.github.bytezspring.autoconfigure.BytezConnectionDetails", StubBeans.class.getClassLoader());

	private StubBeans() {
	}

	static void register(ConfigurableApplicationContext context, String stubBeanName, BytezStubServer stub) {
		register(context, stubBeanName, stub, true);
	}

	/**
	 * Register the stub, and its connection details only when asked: an AOT-processed
	 * context has the connection details its processing fixed, and a second bean of that
	 * type would make them ambiguous.
	 */
	static void register(ConfigurableApplicationContext context, String stubBeanName, BytezStubServer stub,
			boolean connectionDetails) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(stubBeanName, stub);
		if (connectionDetails && AUTOCONFIGURE_PRESENT) {
			beanFactory.registerSingleton(BytezStubConnectionDetails.BEAN_NAME, new BytezStubConnectionDetails(stub));
		}
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// called when the context closes and also when its refresh fails
			registry.registerDisposableBean(stubBeanName, stub::close);
		}
		else {
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
				if (event.getApplicationContext() == context) {
					stub.close();
				}
			});
		}
	}

}
