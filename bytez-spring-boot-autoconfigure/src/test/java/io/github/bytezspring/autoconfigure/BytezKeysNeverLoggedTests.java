package io.github.bytezspring.autoconfigure;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With Boot's {@code spring.http.codecs.log-request-details=true} and every web client
 * logger at TRACE, Spring's exchange logging shows the Bytez client's requests but never
 * its keys.
 */
@SpringBootTest(properties = { "bytez.api-key=" + BytezKeysNeverLoggedTests.API_KEY,
		"bytez.provider-key=" + BytezKeysNeverLoggedTests.PROVIDER_KEY, "bytez.retry.max-retries=0",
		"spring.http.codecs.log-request-details=true" })
@ExtendWith(CapturedLogs.class)
class BytezKeysNeverLoggedTests {

	static final String API_KEY = "bz-logged-never-7c6b5a4f3e2d";

	static final String PROVIDER_KEY = "sk-configured-never-1q2w3e4r";

	static final String CALL_PROVIDER_KEY = "sk-per-call-never-5t6y7u8i";

	static final String[] LOGGERS = { "org.springframework.web.reactive.function.client", "org.springframework.http",
			"org.springframework.core.codec", "reactor.netty", "io.github.bytezspring" };

	@RegisterExtension
	static final WireMockExtension bytez = BytezWireMock.serverForTheClass();

	@Autowired
	private BytezTemplate template;

	@BeforeAll
	static void stubs() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		bytez.stubFor(post("/models/v2/openai/gpt-4o").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Incorrect API key provided: " + CALL_PROVIDER_KEY + "\"}")));
	}

	@DynamicPropertySource
	static void bytezUrl(DynamicPropertyRegistry registry) {
		registry.add("bytez.base-url", bytez::baseUrl);
	}

	@Test
	void requestDetailsLoggingAtTraceNeverShowsAKey(CapturedLogs logs) {
		Level[] previous = new Level[LOGGERS.length];
		for (int i = 0; i < LOGGERS.length; i++) {
			Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS[i]);
			previous[i] = logger.getLevel();
			logger.setLevel(Level.TRACE);
		}
		try {
			this.template.run("org/model", BytezInput.text("x")).block(Duration.ofSeconds(5));
			assertThatExceptionOfType(BytezException.class)
				.isThrownBy(() -> this.template
					.run("openai/gpt-4o", BytezInput.text("x"),
							BytezOptions.builder().providerKey(CALL_PROVIDER_KEY).build())
					.block(Duration.ofSeconds(5)));
		}
		finally {
			for (int i = 0; i < LOGGERS.length; i++) {
				((Logger) LoggerFactory.getLogger(LOGGERS[i])).setLevel(previous[i]);
			}
		}

		String text = logs.text();
		assertThat(text).as("Spring's exchange logging ran at TRACE")
			.contains("HTTP POST " + bytez.baseUrl() + "/models/v2/org/model")
			.contains("headers={masked}")
			.contains("Response 401");
		assertThat(text).doesNotContain(API_KEY).doesNotContain(PROVIDER_KEY).doesNotContain(CALL_PROVIDER_KEY);
	}

	// no component scan: only what auto-configuration contributes, as in a user's
	// application
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
