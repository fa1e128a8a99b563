package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.CapturedLogs;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class BytezAutoConfigurationTests {

	/**
	 * The startup failures and retries these tests provoke: captured instead of printed,
	 * each checked after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.REFRESH_FAILURE_LOGGER, CapturedLogs.RETRY_LOGGER)
		.expecting(Level.WARN, CapturedLogs.REFRESH_FAILURE)
		.expecting(Level.WARN, CapturedLogs.RETRY_WARNING)
		.neverShowing("secret-api-key-123", "bz-secret", "configured-key", "key-from-property", "property-key");

	@RegisterExtension
	static WireMockExtension bytez = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, BytezAutoConfiguration.class));

	@Test
	void defaults() {
		this.runner.withPropertyValues("bytez.api-key=test-key").run((context) -> {
			assertThat(context).hasSingleBean(BytezTemplate.class).hasSingleBean(BytezOperations.class);
			BytezProperties properties = context.getBean(BytezProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getBaseUrl()).isEqualTo("https://api.bytez.com");
			assertThat(properties.getProviderKey()).isNull();
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.getStreamIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.getMaxInMemorySize()).isEqualTo(DataSize.ofMegabytes(16));
		});
	}

	@Test
	void everyPropertyBinds() {
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=http://127.0.0.1:1", "bytez.provider-key=p",
					"bytez.connect-timeout=3s", "bytez.response-timeout=2m", "bytez.stream-idle-timeout=45s",
					"bytez.max-in-memory-size=2MB", "bytez.max-inline-media-size=5MB")
			.run((context) -> {
				BytezProperties properties = context.getBean(BytezProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("k");
				assertThat(properties.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
				assertThat(properties.getProviderKey()).isEqualTo("p");
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getStreamIdleTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(properties.getMaxInMemorySize()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(properties.getMaxInlineMediaSize()).isEqualTo(DataSize.ofMegabytes(5));
			});
	}

	@Test
	void theTemplateUsesBaseUrlApiKeyAndProviderKey() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o-mini").willReturn(okJson("{\"error\":null,\"output\":\"hi\"}")));
		this.runner
			.withPropertyValues("bytez.api-key=configured-key", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.provider-key=configured-provider-key")
			.run((context) -> {
				String text = context.getBean(BytezTemplate.class)
					.run("openai/gpt-4o-mini", BytezInput.text("x"))
					.block(Duration.ofSeconds(5))
					.outputText();
				assertThat(text).isEqualTo("hi");
			});
		bytez.verify(1,
				postRequestedFor(urlEqualTo("/models/v2/openai/gpt-4o-mini"))
					.withHeader("Authorization", equalTo("configured-key"))
					.withHeader("provider-key", equalTo("configured-provider-key")));
	}

	@Test
	void theBytezApiKeyEnvironmentVariableIsUsedWhenThePropertyIsUnset() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[\"chat\"]}")));
		this.runner.withPropertyValues("BYTEZ_API_KEY=key-from-environment", "bytez.base-url=" + bytez.baseUrl())
			.run((context) -> assertThat(context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)))
				.containsExactly("chat"));
		bytez.verify(1, getRequestedFor(urlEqualTo("/models/v2/list/tasks")).withHeader("Authorization",
				equalTo("key-from-environment")));
	}

	@Test
	void thePropertyWinsOverTheEnvironmentVariable() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[]}")));
		this.runner
			.withPropertyValues("BYTEZ_API_KEY=key-from-environment", "bytez.api-key=key-from-property",
					"bytez.base-url=" + bytez.baseUrl())
			.run((context) -> context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)));
		bytez.verify(1, getRequestedFor(urlEqualTo("/models/v2/list/tasks")).withHeader("Authorization",
				equalTo("key-from-property")));
	}

	@Test
	void responseTimeoutAppliesToTheConnector() {
		bytez.stubFor(post("/models/v2/org/slow")
			.willReturn(okJson("{\"error\":null,\"output\":\"late\"}").withFixedDelay(3000)));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(), "bytez.response-timeout=300ms")
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).run("org/slow", BytezInput.text("x")))
				.expectError(BytezTimeoutException.class)
				.verify(Duration.ofSeconds(2)));
	}

	@Test
	void streamIdleTimeoutAppliesToStreams() {
		bytez.stubFor(post("/models/v2/org/stalling").willReturn(
				aResponse().withHeader("Content-Type", "text/plain").withBody("ab").withChunkedDribbleDelay(2, 2000)));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.stream-idle-timeout=200ms")
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).stream("org/stalling", BytezInput.text("x")))
				.expectNext("a")
				.expectError(BytezTimeoutException.class)
				.verify(Duration.ofSeconds(3)));
	}

	@Test
	void maxInMemorySizeLimitsJsonAnswers() {
		bytez.stubFor(post("/models/v2/org/big")
			.willReturn(okJson("{\"error\":null,\"output\":\"" + "x".repeat(2048) + "\"}")));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(), "bytez.max-in-memory-size=1KB")
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).run("org/big", BytezInput.text("x")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
					.hasMessageContaining("larger than bytez.max-in-memory-size"))
				.verify(Duration.ofSeconds(5)));
	}

	@Test
	void aKeyWithALineBreakFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("bytez.api-key=bz-secret\r\nX-Injected: 1").run((context) -> {
			assertThat(context).hasFailed();
			// refused at binding, so Boot's failure report names the property
			// (StartupFailureReportTests)
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("bytez.api-key must not contain control characters")
				.hasMessageNotContaining("secret");
		});
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.provider-key=sk-sec\nret")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("bytez.provider-key must not contain control characters"));
	}

	@Test
	void clientMessagesNameTheBytezProperties() {
		assertThat(BytezBootSettings.propertyName("maxPendingRequests")).isEqualTo("bytez.max-pending-requests");
		assertThat(BytezBootSettings.propertyName("streamIdleTimeout")).isEqualTo("bytez.stream-idle-timeout");
		assertThat(BytezBootSettings.propertyName("apiKey")).isEqualTo("bytez.api-key");
		assertThat(BytezBootSettings.propertyName("maxRetries")).isEqualTo("bytez.retry.max-retries");
		assertThat(BytezBootSettings.propertyName("permitStoreFailureMode"))
			.isEqualTo("bytez.concurrency.on-store-failure");
		assertThat(BytezBootSettings.propertyName("pool.maxConnections")).isEqualTo("bytez.pool.max-connections");
		assertThat(BytezBootSettings.propertyName("noSuchSetting")).isEqualTo("noSuchSetting");
	}

	@Test
	void aMissingKeyFailsStartupWithAnExplanation() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(MissingBytezApiKeyException.class)
				.hasMessageContaining("bytez.api-key")
				.hasMessageContaining("BYTEZ_API_KEY");
			FailureAnalysis analysis = new MissingBytezApiKeyFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'bytez.api-key'").contains("'BYTEZ_API_KEY'");
			assertThat(analysis.getAction()).contains("export BYTEZ_API_KEY=").contains("bytez.api-key:");
		});
	}

	@Test
	void theFailureAnalyzerIsRegistered() throws Exception {
		String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
		assertThat(factories).contains("org.springframework.boot.diagnostics.FailureAnalyzer")
			.contains(MissingBytezApiKeyFailureAnalyzer.class.getName());
	}

	@Test
	void theDefaultConnectionDetailsReadTheProperties() {
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.base-url=http://127.0.0.1:1", "bytez.provider-key=p")
			.run((context) -> {
				assertThat(context).hasSingleBean(BytezConnectionDetails.class)
					.getBean(BytezConnectionDetails.class)
					.isInstanceOf(PropertiesBytezConnectionDetails.class);
				BytezConnectionDetails details = context.getBean(BytezConnectionDetails.class);
				assertThat(details.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
				assertThat(details.getApiKey()).isEqualTo("k");
				assertThat(details.getProviderKey()).isEqualTo("p");
			});
	}

	@Test
	void aConnectionDetailsBeanReplacesTheProperties() {
		bytez.stubFor(post("/models/v2/org/model").willReturn(okJson("{\"error\":null,\"output\":\"hi\"}")));
		BytezConnectionDetails details = new BytezConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return bytez.baseUrl();
			}

			@Override
			public String getApiKey() {
				return "details-key";
			}

			@Override
			public String getProviderKey() {
				return "details-provider-key";
			}

		};
		this.runner.withPropertyValues("bytez.base-url=http://127.0.0.1:9", "bytez.api-key=property-key")
			.withBean(BytezConnectionDetails.class, () -> details)
			.run((context) -> {
				assertThat(context).hasSingleBean(BytezConnectionDetails.class)
					.doesNotHaveBean(PropertiesBytezConnectionDetails.class);
				assertThat(context.getBean(BytezTemplate.class)
					.run("org/model", BytezInput.text("x"))
					.block(Duration.ofSeconds(5))
					.outputText()).isEqualTo("hi");
			});
		bytez.verify(1,
				postRequestedFor(urlEqualTo("/models/v2/org/model")).withHeader("Authorization", equalTo("details-key"))
					.withHeader("provider-key", equalTo("details-provider-key")));
	}

	@Test
	void connectionDetailsWithoutAKeyFailWithTheMissingKeyReport() {
		this.runner.withBean(BytezConnectionDetails.class, () -> new BytezConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return "http://127.0.0.1:9";
			}

			@Override
			public String getApiKey() {
				return " ";
			}

		})
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MissingBytezApiKeyException.class));
	}

	@Test
	void anUnresolvedApiKeyPlaceholderCountsAsNoKey() {
		this.runner.withPropertyValues("bytez.api-key=${BYTEZ_UNSET_TEST_VARIABLE}").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MissingBytezApiKeyException.class)
				.hasMessageContaining("'${BYTEZ_UNSET_TEST_VARIABLE}', which nothing resolved");
			FailureAnalysis analysis = new MissingBytezApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'bytez.api-key' holds the placeholder");
		});
	}

	@Test
	void aPlaceholderWithAnEmptyDefaultAndNoVariableCountsAsNoKey() {
		this.runner.withPropertyValues("bytez.api-key=${BYTEZ_UNSET_TEST_VARIABLE:}")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MissingBytezApiKeyException.class)
				.hasMessageContaining("'bytez.api-key' is unset"));
	}

	@Test
	void aUsersOwnTemplateWins() {
		BytezTemplate own = BytezTemplate.builder().apiKey("own").baseUrl("http://127.0.0.1:9").build();
		this.runner.withBean("myBytez", BytezTemplate.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(BytezOperations.class);
			assertThat(context.getBean(BytezTemplate.class)).isSameAs(own);
		});
	}

	@Test
	void customizersRunInOrderAfterTheStartersSettings() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[]}")));
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.base-url=http://127.0.0.1:9")
			.withBean("second", BytezWebClientCustomizer.class, () -> new SecondCustomizer())
			.withBean("first", BytezWebClientCustomizer.class, () -> new FirstCustomizer())
			.run((context) -> context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)));
		List<String> values = bytez.getAllServeEvents()
			.get(0)
			.getRequest()
			.getHeaders()
			.getHeader("x-customized")
			.values();
		assertThat(values).containsExactly("first", "second");
	}

	@Test
	void retryAndConcurrencyPropertiesBind() {
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.retry.enabled=false", "bytez.retry.max-retries=5",
					"bytez.retry.initial-backoff=1s", "bytez.retry.multiplier=3", "bytez.retry.max-backoff=10s",
					"bytez.retry.jitter=0.2", "bytez.retry.respect-retry-after=false", "bytez.retry.max-retry-after=5s",
					"bytez.max-concurrent-requests=4", "bytez.max-pending-requests=50")
			.run((context) -> {
				BytezProperties properties = context.getBean(BytezProperties.class);
				assertThat(properties.getMaxConcurrentRequests()).isEqualTo(4);
				assertThat(properties.getMaxPendingRequests()).isEqualTo(50);
				BytezProperties.Retry retry = properties.getRetry();
				assertThat(retry.isEnabled()).isFalse();
				assertThat(retry.getMaxRetries()).isEqualTo(5);
				assertThat(retry.getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(retry.getMultiplier()).isEqualTo(3.0);
				assertThat(retry.getMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
				assertThat(retry.getJitter()).isEqualTo(0.2);
				assertThat(retry.isRespectRetryAfter()).isFalse();
				assertThat(retry.getMaxRetryAfter()).isEqualTo(Duration.ofSeconds(5));
				assertThat(retry.toPolicy().maxRetries()).isZero();
			});
	}

	@Test
	void theRetryPropertiesDriveTheTemplateAndRetryListenersAreCalled() {
		bytez.stubFor(post("/models/v2/org/limited")
			.willReturn(aResponse().withStatus(429).withBody("{\"error\":\"Rate limit exceeded\"}")));
		List<BytezRetryListener.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(), "bytez.retry.max-retries=1",
					"bytez.retry.initial-backoff=5ms")
			.withBean(BytezRetryListener.class, () -> events::add)
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).run("org/limited", BytezInput.text("x")))
				.expectError(BytezRateLimitException.class)
				.verify(Duration.ofSeconds(5)));
		bytez.verify(2, postRequestedFor(urlEqualTo("/models/v2/org/limited")));
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.attempt()).isEqualTo(1);
			assertThat(event.maxAttempts()).isEqualTo(2);
			assertThat(event.failure()).isInstanceOf(BytezRateLimitException.class);
		});
	}

	@Test
	void aRateLimitNotRetriedBecauseOfMaxRetryAfterNamesTheProperty() {
		bytez.stubFor(post("/models/v2/org/long-wait").willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "120")
			.withBody("{\"error\":\"Rate limit exceeded\"}")));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.retry.max-retry-after=30s")
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).run("org/long-wait", BytezInput.text("x")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezRateLimitException.class)
					.hasMessageContaining("HTTP 429")
					.hasMessageEndingWith("(not retried: the server asked to wait 120s (Retry-After), longer than "
							+ "bytez.retry.max-retry-after (30s))"))
				.verify(Duration.ofSeconds(5)));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/long-wait")));
	}

	@Test
	void retriesCanBeSwitchedOff() {
		bytez.stubFor(post("/models/v2/org/unavailable").willReturn(aResponse().withStatus(503)));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(), "bytez.retry.enabled=false")
			.run((context) -> StepVerifier
				.create(context.getBean(BytezTemplate.class).run("org/unavailable", BytezInput.text("x")))
				.expectError(BytezServerException.class)
				.verify(Duration.ofSeconds(5)));
		bytez.verify(1, postRequestedFor(urlEqualTo("/models/v2/org/unavailable")));
	}

	@Test
	void observationsUseTheContextsRegistriesAndCanBeSwitchedOff() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[]}")));
		io.micrometer.observation.tck.TestObservationRegistry observations = io.micrometer.observation.tck.TestObservationRegistry
			.create();
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl())
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.run((context) -> context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)));
		assertThat(observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("bytez.operation", "list-tasks")
			.hasLowCardinalityKeyValue("bytez.model", "none");

		observations.clear();
		bytez.stubFor(post("/models/v2/org/tagged").willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.observations.include-model=false")
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.run((context) -> context.getBean(BytezTemplate.class)
				.run("org/tagged", BytezInput.text("x"))
				.block(Duration.ofSeconds(5)));
		assertThat(observations).hasObservationWithNameEqualTo("bytez.client.requests")
			.that()
			.hasLowCardinalityKeyValue("bytez.operation", "run")
			.hasLowCardinalityKeyValue("bytez.model", "none");

		observations.clear();
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl(),
					"bytez.observations.enabled=false")
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.run((context) -> context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)));
		assertThat(observations).doesNotHaveAnyObservation();
	}

	@Test
	void aUsersConventionReplacesTheDefault() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[]}")));
		io.micrometer.observation.tck.TestObservationRegistry observations = io.micrometer.observation.tck.TestObservationRegistry
			.create();
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl())
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.withBean(io.github.bytezspring.client.observation.BytezObservationConvention.class,
					() -> new io.github.bytezspring.client.observation.DefaultBytezObservationConvention() {
						@Override
						public String getName() {
							return "my.bytez.calls";
						}
					})
			.run((context) -> context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)));
		assertThat(observations).hasObservationWithNameEqualTo("my.bytez.calls");
	}

	@Test
	void endpointsSendAModelToItsContainer() {
		bytez.stubFor(post("/containers/gpt2/run").willReturn(okJson("{\"error\":null,\"output\":\"local\"}")));
		this.runner
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=http://127.0.0.1:9",
					"bytez.endpoints.gpt2.url=" + bytez.baseUrl() + "/containers/gpt2",
					"bytez.endpoints.gpt2.model-id=openai-community/gpt2")
			.run((context) -> assertThat(context.getBean(BytezTemplate.class)
				.run("openai-community/gpt2", BytezInput.text("x"))
				.block(Duration.ofSeconds(5))
				.outputText()).isEqualTo("local"));
		bytez.verify(1, postRequestedFor(urlEqualTo("/containers/gpt2/run")).withHeader("Authorization",
				com.github.tomakehurst.wiremock.client.WireMock.absent()));
	}

	@Test
	void anIncompleteEndpointFailsStartupNamingIt() {
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.endpoints.mine.url=http://localhost:8002")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("bytez.endpoints.mine needs both a url and a model-id"));
	}

	@Test
	void maxModelTagsCapsTheModelsOnMeters() {
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.observations.max-model-tags=2").run((context) -> {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			meters.config().meterFilter(context.getBean(BytezMeterFilter.class));
			for (String model : List.of("a/1", "a/2", "a/3", "a/4")) {
				meters.counter("bytez.client.retries", "bytez.model", model).increment();
			}
			assertThat(meters.find("bytez.client.retries").counters())
				.extracting((c) -> c.getId().getTag("bytez.model"))
				.containsExactlyInAnyOrder("a/1", "a/2", BytezMeterFilter.OVERFLOW_MODEL);
			assertThat(meters.get("bytez.client.retries")
				.tag("bytez.model", BytezMeterFilter.OVERFLOW_MODEL)
				.counter()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void theClientHasItsOwnConnectionPoolSizedByProperties() {
		this.runner.withPropertyValues("bytez.api-key=k", "bytez.pool.max-connections=7", "bytez.pool.max-idle-time=5s")
			.run((context) -> {
				BytezConnectionPool pool = context.getBean(BytezConnectionPool.class);
				assertThat(pool.provider().maxConnections()).isEqualTo(7);
				assertThat(pool.provider().name()).isEqualTo("bytez");
				assertThat(context.getBean(BytezProperties.class).getPool().getMaxIdleTime())
					.isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void theTemplateUsesThePoolAndCallsBeyondItWaitForAConnection() {
		java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
		reactor.netty.DisposableServer server = reactor.netty.http.server.HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				return request.receive()
					.then(reactor.core.publisher.Mono.delay(Duration.ofMillis(30)))
					.then(reactor.core.publisher.Mono.defer(() -> {
						inFlight.decrementAndGet();
						return response.header("Content-Type", "application/json")
							.sendString(reactor.core.publisher.Mono.just("{\"error\":null,\"output\":\"ok\"}"))
							.then();
					}));
			})
			.bindNow();
		try {
			this.runner
				.withPropertyValues("bytez.api-key=k", "bytez.base-url=http://127.0.0.1:" + server.port(),
						"bytez.pool.max-connections=2")
				.run((context) -> {
					BytezTemplate template = context.getBean(BytezTemplate.class);
					List<String> answers = reactor.core.publisher.Flux.range(0, 12)
						.flatMap((i) -> template.run("org/model", BytezInput.text("x" + i)))
						.map(io.github.bytezspring.client.model.BytezResponse::outputText)
						.collectList()
						.block(Duration.ofSeconds(10));
					assertThat(answers).hasSize(12).containsOnly("ok");
				});
		}
		finally {
			server.disposeNow();
		}
		assertThat(maxInFlight.get()).as("connections in use at once").isEqualTo(2);
	}

	@Test
	void withoutReactorNettyThereIsNoPoolAndTheTemplateStillWorks() {
		bytez.stubFor(get("/models/v2/list/tasks").willReturn(okJson("{\"error\":null,\"output\":[\"chat\"]}")));
		this.runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("reactor.netty"))
			.withPropertyValues("bytez.api-key=k", "bytez.base-url=" + bytez.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(BytezConnectionPool.class);
				assertThat(context.getBean(BytezTemplate.class).listTasks().block(Duration.ofSeconds(5)))
					.containsExactly("chat");
			});
	}

	@Test
	void disabled() {
		this.runner.withPropertyValues("bytez.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(BytezOperations.class).doesNotHaveBean(BytezProperties.class);
		});
	}

	@Order(1)
	static class FirstCustomizer implements BytezWebClientCustomizer {

		@Override
		public void customize(org.springframework.web.reactive.function.client.WebClient.Builder builder) {
			// overriding the starter's base URL proves customizers run after its settings
			builder.baseUrl(bytez.baseUrl()).defaultHeaders((headers) -> headers.add("x-customized", "first"));
		}

	}

	@Order(2)
	static class SecondCustomizer implements BytezWebClientCustomizer {

		@Override
		public void customize(org.springframework.web.reactive.function.client.WebClient.Builder builder) {
			builder.defaultHeaders((headers) -> headers.add("x-customized", "second"));
		}

	}

}
