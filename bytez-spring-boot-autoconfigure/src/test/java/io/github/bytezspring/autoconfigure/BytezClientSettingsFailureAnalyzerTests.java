package io.github.bytezspring.autoconfigure;

import ch.qos.logback.classic.Level;
import io.github.bytezspring.client.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BytezClientSettingsFailureAnalyzer}.
 */
class BytezClientSettingsFailureAnalyzerTests {

	/**
	 * The startup failure these tests provoke: captured instead of printed, each checked
	 * after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.REFRESH_FAILURE_LOGGER)
		.expecting(Level.WARN, CapturedLogs.REFRESH_FAILURE);

	private final BytezClientSettingsFailureAnalyzer analyzer = new BytezClientSettingsFailureAnalyzer();

	@Test
	void namesThePropertyInsteadOfTheBuilderOption() {
		BeanCreationException failure = new BeanCreationException("bytezTemplate", "could not build",
				new IllegalArgumentException("maxRetries must not be negative, was -1"));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("The Bytez client could not be built from its configuration: "
				+ "'bytez.retry.max-retries' must not be negative, was -1");
		assertThat(analysis.getAction()).contains("bytez.*").contains("bytez.enabled=false");
	}

	@Test
	void everyOptionOfAMessageIsRenamedAndOnlyWholeWords() {
		assertThat(BytezClientSettingsFailureAnalyzer
			.withPropertyNames("maxBackoff must not be below initialBackoff; maxBackoffs and jitter stay"))
			.isEqualTo("'bytez.retry.max-backoff' must not be below 'bytez.retry.initial-backoff'; maxBackoffs "
					+ "and 'bytez.retry.jitter' stay");
	}

	@Test
	void leavesOtherBeansFailuresToOtherAnalyzers() {
		BeanCreationException failure = new BeanCreationException("somethingElse", "could not build",
				new IllegalArgumentException("maxRetries must not be negative"));
		assertThat(this.analyzer.analyze(failure)).isNull();
	}

	@Test
	void aKeyVariableWithALineBreakFailsStartupWithoutShowingIt() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
							WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
			.withPropertyValues("BYTEZ_API_KEY=secret-part\nX-Injected: yes")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = this.analyzer.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.contains("the environment variable BYTEZ_API_KEY must not contain control characters")
					.doesNotContain("secret-part")
					.doesNotContain("X-Injected");
			});
	}

	@Test
	void isRegistered() throws Exception {
		String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
		assertThat(factories).contains(BytezClientSettingsFailureAnalyzer.class.getName());
	}

}
