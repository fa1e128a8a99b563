package io.github.bytezspring.autoconfigure;

import java.util.Map;

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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that misspelt {@code bytez.*} properties are named in one WARN at startup, each
 * with the closest valid name, and that valid ones, map entries and environment variables
 * are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownBytezPropertiesWarningTests {

	@Test
	void misspeltPropertiesAreNamedInOneWarningWithTheClosestValidName(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application
			.run("--bytez.api-key=k", "--bytez.timeout=5s", "--bytez.max-concurrent-request=3",
					"--bytez.retry.max-retry=2", "--bytez.retry.max-retries=1")
			.close();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Ignoring unknown Bytez"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains("Ignoring unknown Bytez properties bytez.max-concurrent-request (did you mean "
						+ "bytez.max-concurrent-requests?), bytez.retry.max-retry (did you mean "
						+ "bytez.retry.max-retries?), bytez.timeout (did you mean bytez.connect-timeout?)"));
	}

	@Test
	void validPropertiesAndEndpointEntriesGiveNoWarning() {
		StandardEnvironment environment = environment(Map.of("bytez.api-key", "k", "bytez.response-timeout", "5s",
				"bytez.endpoints.mine.url", "http://localhost:8002", "bytez.endpoints.mine.model-id", "org/m",
				"bytez.concurrency.redis.url", "redis://127.0.0.1:6379", "bytez.observations.include-model", "false"));
		assertThat(UnknownBytezPropertiesWarning.warning(environment)).isNull();
	}

	@Test
	void aMisspeltEndpointSettingIsNamed() {
		StandardEnvironment environment = environment(
				Map.of("bytez.endpoints.mine.url", "http://localhost:8002", "bytez.endpoints.mine.model", "org/m"));
		assertThat(UnknownBytezPropertiesWarning.warning(environment)).isEqualTo(
				"Ignoring unknown Bytez property bytez.endpoints.mine.model (did you mean bytez.endpoints.mine.model-id?)");
	}

	@Test
	void environmentVariablesOfOtherToolsAreNotTypos() {
		StandardEnvironment environment = environment(Map.of("bytez.api-key", "k"));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource("systemEnvironment",
					Map.of("BYTEZ_CLI_HOME", "/opt/bytez", "BYTEZ_API_KEY", "k")));
		assertThat(UnknownBytezPropertiesWarning.warning(environment)).isNull();
	}

	@Test
	void theClosestNameIsTheOneFewestEditsAway() {
		assertThat(UnknownBytezPropertiesWarning.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(UnknownBytezPropertiesWarning.distance("", "abc")).isEqualTo(3);
		assertThat(UnknownBytezPropertiesWarning.validNames("bytez", BytezProperties.class))
			.contains("bytez.api-key", "bytez.retry.max-retry-after", "bytez.pool.max-idle-time",
					"bytez.concurrency.redis.url", "bytez.endpoints.*.model-id")
			.doesNotContain("bytez.retry", "bytez.class");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class TestApplication {

	}

}
