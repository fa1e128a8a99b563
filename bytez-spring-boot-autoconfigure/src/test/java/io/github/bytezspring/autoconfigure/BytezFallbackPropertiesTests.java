package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * {@code bytez.fallbacks}: chains of the configuration, applied to calls that set none,
 * and checked at startup with Boot's failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
class BytezFallbackPropertiesTests {

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of("io.github.bytezspring.client.internal.FallbackChain")
		.expecting(Level.WARN,
				"Bytez run of 'org/a' failed \\(HTTP 429\\); falling back to 'org/[bc]' \\(model 2 of 2\\)");

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, BytezAutoConfiguration.class))
		.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(), "bytez.retry.max-retries=0");

	@Test
	void aConfiguredChainAppliesToCallsThatSetNoneAndACallsOwnChainWins() {
		bytez
			.stubFor(post("/models/v2/org/a").willReturn(aResponse().withStatus(429).withBody("{\"error\":\"busy\"}")));
		bytez.stubFor(post("/models/v2/org/b").willReturn(okJson("{\"error\":null,\"output\":\"from b\"}")));
		bytez.stubFor(post("/models/v2/org/c").willReturn(okJson("{\"error\":null,\"output\":\"from c\"}")));
		this.runner.withPropertyValues("bytez.fallbacks[0].model=org/a", "bytez.fallbacks[0].then=org/b")
			.run((context) -> {
				BytezTemplate template = context.getBean(BytezTemplate.class);
				assertThat(template.run("org/a", BytezInput.text("x")).block(Duration.ofSeconds(5)).model())
					.isEqualTo("org/b");
				assertThat(template
					.run("org/a", BytezInput.text("x"), BytezOptions.builder().fallbackModels("org/c").build())
					.block(Duration.ofSeconds(5))
					.model()).isEqualTo("org/c");
				StepVerifier
					.create(template.run("org/a", BytezInput.text("x"),
							BytezOptions.builder().fallbackModels().build()))
					.expectError(BytezRateLimitException.class)
					.verify(Duration.ofSeconds(5));
			});
		bytez.verify(3, postRequestedFor(urlEqualTo("/models/v2/org/a")));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/b")));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/c")));
	}

	@Test
	void aChainBindsFromYamlStyleLists() {
		this.runner
			.withPropertyValues("bytez.fallbacks[0].model=org/a", "bytez.fallbacks[0].then[0]=org/b",
					"bytez.fallbacks[0].then[1]=org/c")
			.run((context) -> assertThat(context.getBean(BytezProperties.class).getFallbacks()).singleElement()
				.satisfies((fallback) -> {
					assertThat(fallback.getModel()).isEqualTo("org/a");
					assertThat(fallback.getThen()).containsExactly("org/b", "org/c");
				}));
	}

	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'',
			textBlock = """
					bytez.fallbacks[0].model=          | bytez.fallbacks[0].model    | ''            | must be a model id such as org/name, not blank
					bytez.fallbacks[0].model=a         | bytez.fallbacks[0].model    | a             | must be a model id such as org/name: modelId 'a' must have the form 'org/name'
					bytez.fallbacks[0].then=org/b,org/a | bytez.fallbacks[0].then[1] | org/b,org/a   | must not be bytez.fallbacks[0].model itself: a model cannot fall back to itself
					bytez.fallbacks[0].then=org/b,org/b | bytez.fallbacks[0].then[1] | org/b,org/b   | is in the chain twice; a model is tried once
					bytez.fallbacks[0].then=org/b, ,org/c | bytez.fallbacks[0].then[1] | 'org/b, ,org/c' | must be a model id such as org/name
					bytez.fallbacks[1].model=org/a     | bytez.fallbacks[1].model    | org/a         | has a chain already, bytez.fallbacks[0]; give each model one chain
					""")
	void aBadChainFailsStartupNamingThePropertyAndTheValueAsTyped(String bad, String property, String value,
			String reason, CapturedOutput output) {
		// a valid chain, of which the case replaces one property (a property given twice
		// on the command line
		// would be joined with a comma), and a second chain only where the case is about
		// it
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("bytez.api-key", "k");
		properties.put("bytez.fallbacks[0].model", "org/a");
		properties.put("bytez.fallbacks[0].then", "org/b");
		if (bad.startsWith("bytez.fallbacks[1]")) {
			properties.put("bytez.fallbacks[1].then", "org/c");
		}
		int equals = bad.indexOf('=');
		properties.put(bad.substring(0, equals), bad.substring(equals + 1));
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		assertThatRuntimeException().isThrownBy(() -> application().run(args).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + property + System.lineSeparator() + "    Value: \"" + value + "\"")
			.contains("Reason: " + reason)
			.doesNotContain("IllegalArgumentException");
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
