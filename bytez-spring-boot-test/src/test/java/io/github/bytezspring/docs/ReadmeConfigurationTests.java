package io.github.bytezspring.docs;

import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import io.github.bytezspring.autoconfigure.BytezProperties;
import io.github.bytezspring.autoconfigure.MissingBytezApiKeyException;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the README's {@code application.yml} advice: {@code api-key: ${BYTEZ_API_KEY:}}
 * takes the variable when it is set and, when it is not, fails startup with the
 * missing-key report.
 */
class ReadmeConfigurationTests {

	private static final String README_LINE = "bytez.api-key=${BYTEZ_API_KEY:}";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, BytezAutoConfiguration.class));

	@Test
	void thePlaceholderTakesTheVariable() {
		this.runner.withPropertyValues(README_LINE, "BYTEZ_API_KEY=from-the-environment").run((context) -> {
			assertThat(context).hasSingleBean(BytezTemplate.class);
			assertThat(context.getBean(BytezProperties.class).getApiKey()).isEqualTo("from-the-environment");
		});
	}

	@Test
	void anUnsetVariableFailsStartupWithTheMissingKeyReport() {
		// an empty value stands for the unset variable, whatever the machine running the
		// test has set
		this.runner.withPropertyValues(README_LINE, "BYTEZ_API_KEY=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MissingBytezApiKeyException.class)
				.hasMessageContaining("bytez.api-key")
				.hasMessageContaining("BYTEZ_API_KEY");
		});
	}

}
