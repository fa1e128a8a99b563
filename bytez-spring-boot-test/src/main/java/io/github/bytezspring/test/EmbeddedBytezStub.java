package io.github.bytezspring.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Runs a Spring Boot application against an embedded {@link BytezStubServer} when no
 * Bytez API key is configured (neither {@code bytez.api-key} nor
 * {@value #API_KEY_VARIABLE}), so that it starts and answers without an account or a
 * network; with a key it does nothing.
 * <p>
 * Add it to the application before it runs. Once the environment is ready it starts the
 * stub, logs one line saying so, and registers the stub as a bean beside
 * {@code BytezConnectionDetails} that point the auto-configured client at it; the stub
 * stops with the application context. An AOT-processed application makes the same choice
 * when it starts: it is processed as if a key were set, and run without one its
 * {@code bytez.*} properties point at the stub:
 *
 * <pre class="code">
 * SpringApplication application = new SpringApplication(MyApplication.class);
 * application.addListeners(new EmbeddedBytezStub((stub) -&gt; stub.answerText("org/model", "Hello")));
 * application.run(args);
 * </pre>
 */
public final class EmbeddedBytezStub implements ApplicationListener<ApplicationEvent> {

	/**
	 * The environment variable that holds the Bytez API key; the starter reads it too.
	 */
	public static final String API_KEY_VARIABLE = "BYTEZ_API_KEY";

	/** The name of the stub's bean. */
	static final String BEAN_NAME = "embeddedBytezStub";

	private static final String PROPERTY_SOURCE_NAME = "embeddedBytezStub";

	/** The system property Spring's AOT engine sets while it processes an application. */
	private static final String AOT_PROCESSING = "spring.aot.processing";

	private final Consumer<BytezStubServer> setup;

	private final Map<String, Object> properties;

	private @Nullable BytezStubServer stub;

	/**
	 * An embedded stub with the stub's canned answers.
	 */
	public EmbeddedBytezStub() {
		this((stub) -> {
		});
	}

	/**
	 * An embedded stub set up before the application uses it.
	 * @param setup what to do with the stub once it runs, e.g. give a model its answer
	 */
	public EmbeddedBytezStub(Consumer<BytezStubServer> setup) {
		this(setup, Map.of());
	}

	/**
	 * An embedded stub set up before the application uses it, adding properties while it
	 * is in use.
	 * @param setup what to do with the stub once it runs, e.g. give a model its answer
	 * @param properties properties the application sees only when it runs against the
	 * stub, ahead of its other property sources (e.g. to show which backend it uses)
	 */
	public EmbeddedBytezStub(Consumer<BytezStubServer> setup, Map<String, ?> properties) {
		Assert.notNull(setup, "setup must not be null");
		Assert.notNull(properties, "properties must not be null");
		this.setup = setup;
		this.properties = new LinkedHashMap<>(properties);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			environmentPrepared(prepared.getSpringApplication(), prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			contextPrepared(prepared);
		}
		else if (event instanceof ApplicationFailedEvent) {
			stop();
		}
	}

	private synchronized void environmentPrepared(SpringApplication application, ConfigurableEnvironment environment) {
		if (hasApiKey(environment) || Boolean.getBoolean(AOT_PROCESSING)) {
			// at AOT processing, the beans are fixed as for a run with a key: the bytez.*
			// connection details
			return;
		}
		if (this.stub == null) {
			this.stub = BytezStubServer.start();
			this.setup.accept(this.stub);
		}
		Map<String, Object> source = new LinkedHashMap<>(this.properties);
		if (AotDetector.useGeneratedArtifacts()) {
			// an AOT-processed application has the bytez.* connection details: point them
			// at the stub
			source.put("bytez.base-url", this.stub.baseUrl());
			source.put("bytez.api-key", BytezStubServer.API_KEY);
		}
		if (!source.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, source));
		}
		logger(application)
			.info(API_KEY_VARIABLE + " is not set: using the embedded Bytez stub at " + this.stub.baseUrl()
					+ " (no network, canned answers). Set " + API_KEY_VARIABLE + " to call the real API.");
	}

	private synchronized void contextPrepared(ApplicationPreparedEvent event) {
		if (this.stub != null) {
			StubBeans.register(event.getApplicationContext(), BEAN_NAME, this.stub,
					!AotDetector.useGeneratedArtifacts());
		}
	}

	private synchronized void stop() {
		if (this.stub != null) {
			this.stub.close();
		}
	}

	private static boolean hasApiKey(ConfigurableEnvironment environment) {
		return hasText(environment, "bytez.api-key") || hasText(environment, API_KEY_VARIABLE);
	}

	private static boolean hasText(ConfigurableEnvironment environment, String name) {
		try {
			return StringUtils.hasText(environment.getProperty(name));
		}
		catch (IllegalArgumentException ex) {
			// a placeholder that nothing resolves, such as ${BYTEZ_API_KEY} with the
			// variable unset
			return false;
		}
	}

	/**
	 * The application's own logger, so that the line shows where the application's
	 * logging does.
	 */
	private static Log logger(SpringApplication application) {
		Class<?> source = application.getAllSources()
			.stream()
			.filter(Class.class::isInstance)
			.map(Class.class::cast)
			.findFirst()
			.orElse(EmbeddedBytezStub.class);
		return LogFactory.getLog(source);
	}

}
