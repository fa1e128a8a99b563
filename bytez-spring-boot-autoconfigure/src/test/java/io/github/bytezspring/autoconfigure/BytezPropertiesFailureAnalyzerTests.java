package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests {@link BytezPropertiesFailureAnalyzer} on the Spring AI properties
 * ({@code spring.ai.bytez.*}) and on properties that are not Bytez's, which it leaves to
 * Boot.
 */
class BytezPropertiesFailureAnalyzerTests {

	private final BytezPropertiesFailureAnalyzer analyzer = new BytezPropertiesFailureAnalyzer();

	@Test
	void aSpringAiBytezNumberThatIsNotOneIsReportedAsTyped() {
		FailureAnalysis analysis = analyze("spring.ai.bytez.chat.options", "temperature", "hot");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Property: spring.ai.bytez.chat.options.temperature")
			.contains("Value: \"hot\"")
			.contains("Reason: must be a number");
		assertThat(analysis.getAction())
			.startsWith("Set spring.ai.bytez.chat.options.temperature to a value that is a number");
	}

	@Test
	void aSpringAiBytezDurationIsExplained() {
		FailureAnalysis analysis = analyze("spring.ai.bytez.chat.options", "timeout", "ten seconds");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Value: \"ten seconds\"").contains("must be a duration");
		assertThat(analysis.getAction()).contains("30s, 500ms, 2m or PT30S");
	}

	@Test
	void anotherApplicationsPropertyIsLeftToBoot() {
		assertThat(analyze("spring.ai.openai.chat.options", "temperature", "hot")).isNull();
		assertThat(analyze("bytezzz", "temperature", "hot")).isNull();
	}

	private @Nullable FailureAnalysis analyze(String prefix, String name, String value) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(prefix + "." + name, value)));
		BindException failure = catchThrowableOfType(BindException.class,
				() -> binder.bind(prefix, Bindable.of(Options.class)));
		return this.analyzer.analyze(failure);
	}

	static class Options {

		private @Nullable Double temperature;

		private @Nullable Duration timeout;

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

	}

}
