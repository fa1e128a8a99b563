package io.github.bytezspring.ai.autoconfigure;

import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Tests that a {@code spring.ai.bytez.*} value that cannot be converted fails startup
 * with Boot's report naming the property and the value as typed, as the {@code bytez.*}
 * ones do.
 */
@ExtendWith(OutputCaptureExtension.class)
class BytezAiStartupFailureTests {

	@Test
	void aChatOptionThatIsNoNumberIsReportedAsTyped(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatRuntimeException().isThrownBy(
				() -> application.run("--bytez.api-key=k", "--spring.ai.bytez.chat.options.temperature=warm").close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: spring.ai.bytez.chat.options.temperature" + System.lineSeparator()
					+ "    Value: \"warm\"")
			.contains("Reason: must be a number")
			.contains("Set spring.ai.bytez.chat.options.temperature to a value that is a number");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					org/b,org/a | spring.ai.bytez.chat.options.fallback-models[1] | must not be spring.ai.bytez.chat.options.model itself: a model cannot fall back to itself
					org/b,org/b | spring.ai.bytez.chat.options.fallback-models[1] | is in the chain twice; a model is tried once
					org/b,b     | spring.ai.bytez.chat.options.fallback-models[1] | must be a model id such as org/name: modelId 'b' must have the form 'org/name'
					""")
	void aBadFallbackModelIsReportedAsTyped(String value, String property, String reason, CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatRuntimeException().isThrownBy(
				() -> application
					.run("--bytez.api-key=k", "--spring.ai.bytez.chat.options.model=org/a",
							"--spring.ai.bytez.chat.options.fallback-models=" + value)
					.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property + System.lineSeparator() + "    Value: \"" + value + "\"")
			.contains("Reason: " + reason);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class, BytezAiAutoConfiguration.class })
	static class TestApplication {

	}

}
