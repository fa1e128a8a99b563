package io.github.bytezspring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.ScriptedHttpServer;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured template follows no redirect, whichever connector Boot picks and
 * whatever {@code spring.http.clients.redirects} says: Boot's connectors follow redirects
 * by default, and a followed one would carry the provider key to the host it names. It
 * also skips interim (1xx) answers, which Reactor Netty would hand over as the answer.
 */
class BytezRedirectAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, BytezAutoConfiguration.class));

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void theAutoConfiguredTemplateSkipsInterimAnswers(String connector) throws IOException {
		try (ScriptedHttpServer server = new ScriptedHttpServer((request,
				out) -> out.write(("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n"
						+ "Content-Type: application/json\r\nContent-Length: 30\r\nConnection: close\r\n\r\n"
						+ "{\"error\":null,\"output\":\"fine\"}")
					.getBytes(StandardCharsets.US_ASCII)))) {
			this.runner
				.withPropertyValues("bytez.api-key=interim-api-key", "bytez.base-url=" + server.baseUrl(),
						"spring.http.clients.reactive.connector=" + connector)
				.run((context) -> assertThat(context.getBean(BytezTemplate.class)
					.run("openai/gpt-4o-mini", BytezInput.text("Hi"))
					.block(Duration.ofSeconds(10))
					.outputText()).isEqualTo("fine"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void theAutoConfiguredTemplateSendsNoKeyToWhereARedirectPoints(String connector) {
		for (int status : new int[] { 301, 302, 303, 307, 308 }) {
			bytez.resetAll();
			elsewhere.resetAll();
			elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"error\":null,\"output\":\"moved\"}")));
			bytez.stubFor(post("/models/v2/openai/gpt-4o-mini").willReturn(aResponse().withStatus(status)
				.withHeader("Location", "http://localhost:" + elsewhere.getPort() + "/models/v2/openai/gpt-4o-mini")));
			this.runner
				.withPropertyValues("bytez.api-key=redirect-api-key", "bytez.provider-key=redirect-provider-key",
						"bytez.base-url=" + bytez.baseUrl(), "spring.http.clients.redirects=follow",
						"spring.http.clients.reactive.connector=" + connector)
				.run((context) -> assertThatExceptionOfType(BytezInvalidResponseException.class)
					.isThrownBy(() -> context.getBean(BytezTemplate.class)
						.run("openai/gpt-4o-mini", BytezInput.text("Hi"))
						.block(Duration.ofSeconds(10)))
					.withMessageContaining("redirect (HTTP " + status + ") to host localhost:" + elsewhere.getPort()));
			assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			assertThat(bytez.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
		}
	}

}
