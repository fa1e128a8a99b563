package io.github.bytezspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

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
 * Tests that bad configuration fails startup with Spring Boot's "APPLICATION FAILED TO
 * START" report, naming the {@code bytez.*} property, its value and the rule, as a user
 * would see it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	private static final String FAILED = "APPLICATION FAILED TO START";

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			bytez.retry.max-retries       | -1        | must not be negative
			bytez.retry.jitter            | 2         | must be between 0 and 1
			bytez.retry.multiplier        | 0.5       | must be 1 or more
			bytez.retry.initial-backoff   | -1s       | must be a positive duration
			bytez.retry.max-backoff       | 0s        | must be a positive duration
			bytez.retry.max-retry-after   | -5s       | must be a positive duration
			bytez.base-url                | htp://x   | must be an absolute http or https URL
			bytez.base-url                | localhost | must be an absolute http or https URL
			bytez.max-concurrent-requests | -1        | must not be negative
			bytez.max-pending-requests    | -3        | must not be negative
			bytez.connect-timeout         | -1s       | must be a positive duration
			bytez.response-timeout        | 0ms       | must be a positive duration
			bytez.stream-idle-timeout     | -2m       | must be a positive duration
			bytez.max-in-memory-size      | 0B        | must be a positive size
			bytez.max-in-memory-size      | 3GB       | must be a positive size
			bytez.max-inline-media-size   | -1MB      | must not be negative
			bytez.pool.max-connections    | 0         | must be 1 or more
			bytez.pool.max-idle-time      | -1s       | must be a positive duration
			bytez.concurrency.lease-time  | 500ms     | must be at least 1s
			bytez.observations.max-model-tags | 0     | must be 1 or more
			bytez.budget.max-cost         | -0.50     | must not be negative
			bytez.budget.period           | 0s        | must be a positive duration of at least 1ms
			bytez.budget.period           | -1d       | must be a positive duration of at least 1ms
			bytez.warm-up.timeout         | 0s        | must be a positive duration
			bytez.warm-up.models[0]       | org/a b   | must be a model id such as 'org/name'
			""")
	void aBadValueIsReportedByPropertyValueAsTypedAndRule(String property, String value, String rule,
			CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--" + property + "=" + value);
		assertThat(output).contains(FAILED)
			.contains("Property: " + property + System.lineSeparator() + "    Value: \"" + value + "\"")
			.contains("Origin: \"" + property + "\" from property source \"commandLineArgs\"")
			.contains("Reason: " + rule)
			.doesNotContain("IllegalArgumentException");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			bytez.concurrency.store            | redsi | must be one of local, redis
			bytez.concurrency.on-store-failure | skip  | must be one of fail, local
			bytez.response-timeout             | abc   | must be a duration: a number with a unit (ms, s, m, h, d)
			bytez.retry.max-retry-after        | 5 s   | must be a duration: a number with a unit (ms, s, m, h, d)
			bytez.max-in-memory-size           | lots  | must be a data size: a number with a unit (B, KB, MB, GB)
			bytez.retry.max-retries            | many  | must be a whole number
			bytez.retry.jitter                 | half  | must be a number
			bytez.auto-scale                   | maybe | must be true or false
			bytez.budget.max-cost              | ten   | must be a number
			""")
	void aValueThatCannotBeConvertedIsReportedAsTypedWithWhatThePropertyAccepts(String property, String value,
			String reason, CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--" + property + "=" + value);
		assertThat(output).contains(FAILED)
			.contains("Property: " + property + System.lineSeparator() + "    Value: \"" + value + "\"")
			.contains("Reason: " + reason)
			.contains("Set " + property + " to ")
			.doesNotContain("No enum constant")
			.doesNotContain("Correct the bytez.* property named above");
	}

	@Test
	void everyBadValueIsReportedAtOnce(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--bytez.retry.max-retries=-1", "--bytez.retry.jitter=2");
		assertThat(output).contains(FAILED)
			.contains("Property: bytez.retry.max-retries")
			.contains("Value: \"-1\"")
			.contains("Property: bytez.retry.jitter")
			.contains("Value: \"2\"");
	}

	@Test
	void anApiKeyWithALineBreakIsReportedWithoutShowingIt(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=secret-part\r\nX-Injected: yes");
		assertThat(output).contains(FAILED)
			.contains("bytez.api-key must not contain control characters")
			.doesNotContain("secret-part")
			.doesNotContain("X-Injected");
	}

	@Test
	void aProviderKeyWithAControlCharacterIsReportedWithoutShowingIt(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--bytez.provider-key=provider-secret\n");
		assertThat(output).contains(FAILED)
			.contains("bytez.provider-key must not contain control characters")
			.doesNotContain("provider-secret");
	}

	@Test
	void anUnresolvedProviderKeyPlaceholderIsReported(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--bytez.provider-key=${OPENAI_KEY_THAT_IS_UNSET}");
		assertThat(output).contains(FAILED)
			.contains("bytez.provider-key holds the placeholder '${OPENAI_KEY_THAT_IS_UNSET}', which nothing resolved");
	}

	@Test
	void anEndpointWithoutAModelIdIsReported(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--bytez.endpoints.mine.url=http://localhost:8002");
		assertThat(output).contains(FAILED).contains("bytez.endpoints.mine needs both a url and a model-id");
	}

	@Test
	void anEndpointWithABadUrlIsReported(CapturedOutput output) {
		assertStartupFails("--bytez.api-key=k", "--bytez.endpoints.mine.url=ftp://localhost",
				"--bytez.endpoints.mine.model-id=org/model");
		assertThat(output).contains(FAILED)
			.contains("Property: bytez.endpoints.mine.url")
			.contains("Value: \"ftp://localhost\"")
			.contains("Reason: must be an absolute http or https URL");
	}

	@Test
	void anUnresolvedApiKeyPlaceholderIsReportedAsAMissingKey(CapturedOutput output) {
		// the README's application.yml line without the variable: the placeholder stays
		// as the text
		assertStartupFails("--bytez.api-key=${BYTEZ_TEST_VARIABLE_THAT_IS_UNSET}");
		assertThat(output).contains(FAILED)
			.contains("The Bytez client needs an API key, and none is configured: the property 'bytez.api-key' "
					+ "holds the placeholder '${BYTEZ_TEST_VARIABLE_THAT_IS_UNSET}', which nothing resolved")
			.contains("export BYTEZ_API_KEY=");
	}

	@Test
	void aMissingApiKeyIsReported(CapturedOutput output) {
		assertStartupFails("--BYTEZ_API_KEY=");
		assertThat(output).contains(FAILED)
			.contains("the property 'bytez.api-key' is unset and so is the environment variable 'BYTEZ_API_KEY'");
	}

	@Test
	void goodValuesStart() {
		List<String> args = new ArrayList<>(List.of("--bytez.api-key=k", "--bytez.retry.max-retries=0",
				"--bytez.retry.jitter=1", "--bytez.base-url=http://127.0.0.1:1", "--bytez.max-concurrent-requests=0",
				"--bytez.max-inline-media-size=0B"));
		SpringApplication application = application();
		application.run(args.toArray(String[]::new)).close();
	}

	private static void assertStartupFails(String... args) {
		assertThatRuntimeException().isThrownBy(() -> application().run(args).close());
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, BytezAutoConfiguration.class })
	static class TestApplication {

	}

}
