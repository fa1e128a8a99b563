package io.github.bytezspring.autoconfigure;

import java.util.List;
import java.util.Locale;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.BytezTemplateBuilder;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures a {@link BytezTemplate} from {@code bytez.*} properties on top of Spring Boot's
 * {@link WebClient.Builder}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@ConditionalOnBooleanProperty(name = "bytez.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BytezProperties.class)
@Import(BytezSanitizingConfiguration.class)
public final class BytezAutoConfiguration {

	/** The environment variable read when {@code bytez.api-key} is unset. */
	static final String API_KEY_ENVIRONMENT_VARIABLE = "BYTEZ_API_KEY";

	@Bean
	@ConditionalOnMissingBean(BytezOperations.class)
	BytezTemplate bytezTemplate(BytezProperties properties, Environment environment,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<BytezWebClientCustomizer> customizers, ObjectProvider<BytezRetryListener> retryListeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<BytezObservationConvention> observationConvention,
			ObjectProvider<BytezConnectionPool> connectionPool) {
		String apiKey = apiKey(properties, environment);
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout());
		ClientHttpConnectorBuilder<?> connector = connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect);
		BytezConnectionPool pool = connectionPool.getIfAvailable();
		if (pool != null) {
			connector = pool.applyTo(connector);
		}
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(connector.build(settings));
		BytezTemplateBuilder template = BytezTemplate.builder()
			.webClientBuilder(builder)
			.apiKey(apiKey)
			.baseUrl(properties.getBaseUrl())
			.providerKey(properties.getProviderKey())
			.responseTimeout(properties.getResponseTimeout())
			.streamIdleTimeout(properties.getStreamIdleTimeout())
			.maxInMemorySize(properties.getMaxInMemorySize())
			.maxInlineMediaSize(properties.getMaxInlineMediaSize())
			.retryPolicy(properties.getRetry().toPolicy())
			.maxConcurrentRequests(properties.getMaxConcurrentRequests())
			.maxPendingRequests(properties.getMaxPendingRequests())
			.settingNames(BytezAutoConfiguration::propertyName);
		properties.getEndpoints().forEach((alias, endpoint) -> {
			if (!StringUtils.hasText(endpoint.getModelId()) || !StringUtils.hasText(endpoint.getUrl())) {
				throw new IllegalStateException(
						"bytez.endpoints." + alias + " needs both a url and a model-id, e.g. bytez.endpoints." + alias
								+ ".url=http://localhost:8002 and bytez.endpoints." + alias + ".model-id=org/model");
			}
			template.endpoint(endpoint.getModelId(), endpoint.getUrl());
		});
		BytezProperties.Observations observations = properties.getObservations();
		if (observations.isEnabled()) {
			template.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
				.meterRegistry(meterRegistry.getIfAvailable())
				.observationConvention(observationConvention.getIfAvailable())
				.includeModelInObservations(observations.isIncludeModel());
		}
		List<BytezRetryListener> listeners = retryListeners.orderedStream().toList();
		if (!listeners.isEmpty()) {
			template.retryListener((event) -> listeners.forEach((listener) -> listener.onRetry(event)));
		}
		customizers.orderedStream().forEach((customizer) -> template.webClientCustomizer(customizer::customize));
		return template.build();
	}

	/** The {@code bytez.*} property of a client builder option, e.g. {@code bytez.max-pending-requests}. */
	static String propertyName(String builderOption) {
		return "bytez." + builderOption.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

	private static String apiKey(BytezProperties properties, Environment environment) {
		if (StringUtils.hasText(properties.getApiKey())) {
			return properties.getApiKey();
		}
		String fromEnvironment = environment.getProperty(API_KEY_ENVIRONMENT_VARIABLE);
		if (StringUtils.hasText(fromEnvironment)) {
			return fromEnvironment;
		}
		throw new MissingBytezApiKeyException();
	}

	/**
	 * The client's own connection pool, when the connector is Reactor Netty's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.resources.ConnectionProvider")
	static class ConnectionPoolConfiguration {

		@Bean
		@ConditionalOnMissingBean({ BytezOperations.class, BytezConnectionPool.class })
		BytezConnectionPool bytezConnectionPool(BytezProperties properties) {
			return new BytezConnectionPool(properties.getPool().getMaxConnections(),
					properties.getPool().getMaxIdleTime(), properties.getResponseTimeout());
		}

	}

}
