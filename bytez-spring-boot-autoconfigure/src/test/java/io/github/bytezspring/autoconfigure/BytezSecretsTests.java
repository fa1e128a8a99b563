package io.github.bytezspring.autoconfigure;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The keys stay secret everywhere a Boot application shows something: logs at DEBUG,
 * exception messages, {@code toString()}, and actuator's configprops and env endpoints
 * even when they show values.
 */
@SpringBootTest(properties = { "bytez.api-key=" + BytezSecretsTests.API_KEY,
		"bytez.provider-key=" + BytezSecretsTests.PROVIDER_KEY, "bytez.retry.initial-backoff=5ms",
		"management.endpoints.web.exposure.include=configprops,env",
		"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
		"some.other.setting=visible-value" })
@ExtendWith(OutputCaptureExtension.class)
class BytezSecretsTests {

	static final String API_KEY = "bz-secret-1a2b3c4d5e6f7a8b9c0d";

	static final String PROVIDER_KEY = "sk-secret-0f9e8d7c6b5a4f3e2d1c";

	@RegisterExtension
	static final WireMockExtension bytez = BytezWireMock.serverForTheClass();

	@Autowired
	private BytezTemplate template;

	@Autowired
	private BytezProperties properties;

	@Autowired
	private ConfigurationPropertiesReportEndpoint configprops;

	@Autowired
	private EnvironmentEndpoint env;

	@BeforeAll
	static void stubs() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		bytez.stubFor(post("/models/v2/org/limited")
			.willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit for key " + API_KEY + "\"}")));
	}

	@DynamicPropertySource
	static void bytezUrl(DynamicPropertyRegistry registry) {
		registry.add("bytez.base-url", bytez::baseUrl);
	}

	@Test
	void noKeyInDebugLogsExceptionMessagesOrToString(CapturedOutput output) {
		Level[] previous = setLevels(Level.TRACE, "io.github.bytezspring",
				"org.springframework.web.reactive.function.client", "reactor.netty.http.client",
				"org.springframework.http.codec");
		try {
			this.template
				.run("org/model", BytezInput.text("x"), BytezOptions.builder().providerKey(PROVIDER_KEY).build())
				.block(Duration.ofSeconds(5));
			assertThatExceptionOfType(BytezException.class)
				.isThrownBy(() -> this.template.run("org/limited", BytezInput.text("x")).block(Duration.ofSeconds(5)))
				.satisfies((error) -> {
					assertThat(error.getMessage()).doesNotContain(API_KEY).contains("******");
					assertThat(error.getSuppressed())
						.allSatisfy((earlier) -> assertThat(earlier.getMessage()).doesNotContain(API_KEY));
				});
		}
		finally {
			setLevels(previous, "io.github.bytezspring", "org.springframework.web.reactive.function.client",
					"reactor.netty.http.client", "org.springframework.http.codec");
		}

		assertThat(output.getAll()).contains("Bytez run POST org/model")
			.contains("attempt 1 of 4 failed (HTTP 429)")
			.doesNotContain(API_KEY)
			.doesNotContain(PROVIDER_KEY);
		assertThat(this.template.toString()).doesNotContain(API_KEY);
		assertThat(this.properties.toString()).doesNotContain(API_KEY).doesNotContain(PROVIDER_KEY);
		assertThat(BytezOptions.builder().providerKey(PROVIDER_KEY).build().toString()).doesNotContain(PROVIDER_KEY);
	}

	@Test
	void actuatorShowsOtherValuesButNeverTheKeys() {
		JsonMapper mapper = JsonMapper.builder().build();
		String configprops = mapper.writeValueAsString(this.configprops.configurationProperties());
		String environment = mapper.writeValueAsString(this.env.environment(null));

		assertThat(environment).contains("visible-value").doesNotContain(API_KEY).doesNotContain(PROVIDER_KEY);
		assertThat(configprops).contains("bytez")
			.contains(bytez.baseUrl())
			.doesNotContain(API_KEY)
			.doesNotContain(PROVIDER_KEY);
	}

	private static Level[] setLevels(Level level, String... names) {
		Level[] previous = new Level[names.length];
		for (int i = 0; i < names.length; i++) {
			Logger logger = (Logger) LoggerFactory.getLogger(names[i]);
			previous[i] = logger.getLevel();
			logger.setLevel(level);
		}
		return previous;
	}

	private static void setLevels(Level[] levels, String... names) {
		for (int i = 0; i < names.length; i++) {
			((Logger) LoggerFactory.getLogger(names[i])).setLevel(levels[i]);
		}
	}

	// no component scan: only what auto-configuration contributes, as in a user's
	// application
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
