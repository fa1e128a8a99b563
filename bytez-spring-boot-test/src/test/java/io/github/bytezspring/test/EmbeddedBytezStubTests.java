package io.github.bytezspring.test;

import java.util.Map;

import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests for {@link EmbeddedBytezStub}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedBytezStubTests {

	/** No key, whatever the machine's environment holds. */
	private static final String[] WITHOUT_A_KEY = { "--bytez.api-key=", "--BYTEZ_API_KEY=" };

	@Test
	void withoutAKeyTheApplicationRunsAgainstTheStubSetUpAsAsked(CapturedOutput output) {
		BytezStubServer stub;
		try (ConfigurableApplicationContext context = run(
				new EmbeddedBytezStub((server) -> server.answerText("org/model", "embedded answer"),
						Map.of("demo.backend", "stub")),
				WITHOUT_A_KEY)) {
			stub = context.getBean(BytezStubServer.class);
			assertThat(context.getBean(BytezConnectionDetails.class).getBaseUrl()).isEqualTo(stub.baseUrl());
			assertThat(context.getEnvironment().getProperty("demo.backend")).isEqualTo("stub");
			assertThat(
					context.getBean(BytezTemplate.class).run("org/model", BytezInput.text("hi")).block().outputText())
				.isEqualTo("embedded answer");
			assertThat(stub.lastRequest("org/model").header("Authorization")).isEqualTo(BytezStubServer.API_KEY);
			assertThat(output.getOut()).containsOnlyOnce("using the embedded Bytez stub")
				.containsPattern("INFO .* BYTEZ_API_KEY is not set: using the embedded Bytez stub at "
						+ "http://127\\.0\\.0\\.1:\\d+ \\(no network, canned answers\\)\\. "
						+ "Set BYTEZ_API_KEY to call the real API\\.");
		}
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	@Test
	void withAKeyItDoesNothing(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(new EmbeddedBytezStub((server) -> {
			throw new AssertionError("no stub expected");
		}, Map.of("demo.backend", "stub")), "--bytez.api-key=real-key", "--bytez.base-url=http://127.0.0.1:9")) {
			assertThat(context.getBeansOfType(BytezStubServer.class)).isEmpty();
			assertThat(context.getBean(BytezConnectionDetails.class).getBaseUrl()).isEqualTo("http://127.0.0.1:9");
			assertThat(context.getEnvironment().getProperty("demo.backend")).isNull();
		}
		assertThat(output.getOut()).doesNotContain("embedded Bytez stub");
	}

	@Test
	void theKeyVariableCountsAsAKey(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(new EmbeddedBytezStub(), "--bytez.api-key=",
				"--BYTEZ_API_KEY=from-variable")) {
			assertThat(context.getBeansOfType(BytezStubServer.class)).isEmpty();
			assertThat(context.getBean(BytezConnectionDetails.class).getApiKey()).isEqualTo("from-variable");
		}
		assertThat(output.getOut()).doesNotContain("embedded Bytez stub");
	}

	@Test
	void theStubStopsWhenTheApplicationFailsToStart() {
		BytezStubServer[] started = new BytezStubServer[1];
		SpringApplication application = application(FailingApplication.class,
				new EmbeddedBytezStub((server) -> started[0] = server));
		assertThatRuntimeException().isThrownBy(() -> application.run(WITHOUT_A_KEY));
		assertThat(started[0]).isNotNull();
		assertThat(started[0].wireMock().isRunning()).isFalse();
	}

	private static ConfigurableApplicationContext run(EmbeddedBytezStub embedded, String... args) {
		return application(TestApplication.class, embedded).run(args);
	}

	private static SpringApplication application(Class<?> source, EmbeddedBytezStub embedded) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(embedded);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class TestApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class FailingApplication {

		@Bean
		String broken() {
			throw new IllegalStateException("broken bean");
		}

	}

}
