package io.github.bytezspring.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.BytezTemplateBuilder;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezMeterFilter;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures a {@link BytezTemplate} from {@code bytez.*} properties and
 * {@link BytezConnectionDetails} on top of Spring Boot's {@link WebClient.Builder}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@ConditionalOnBooleanProperty(name = "bytez.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BytezProperties.class)
@Import({ BytezSanitizingConfiguration.class, BytezRedisConcurrencyConfiguration.class })
public final class BytezAutoConfiguration {

	/** The Redisson version this starter is tested with (docs/concurrency.md says the same). */
	static final String REDISSON_TESTED = "3.52.0";

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			BytezAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean(BytezConnectionDetails.class)
	PropertiesBytezConnectionDetails bytezConnectionDetails(BytezProperties properties, Environment environment) {
		return new PropertiesBytezConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean(BytezOperations.class)
	BytezTemplate bytezTemplate(BytezProperties properties, BytezConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<BytezConnectionPool> connectionPool,
			ObjectProvider<BytezWebClientCustomizer> customizers, ObjectProvider<BytezRetryListener> retryListeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<BytezObservationConvention> observationConvention,
			ObjectProvider<BytezCallListener> callListeners, ObjectProvider<BytezSharedBudget> sharedBudget) {
		BytezTemplateBuilder template = BytezTemplate.builder()
			.webClientBuilder(webClientBuilder(properties, webClientBuilder, connectorBuilder, httpClientSettings,
					connectionPool))
			.settingNames(BytezAutoConfiguration::propertyName);
		applyConnectionDetails(connectionDetails, template);
		applyProperties(properties, template);
		if (properties.getObservations().isEnabled()) {
			template.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
				.meterRegistry(meterRegistry.getIfAvailable())
				.observationConvention(observationConvention.getIfAvailable());
		}
		applySharedBudget(properties, sharedBudget, template);
		applyRetryListeners(retryListeners, template);
		applyCallListeners(callListeners, template);
		customizers.orderedStream().forEach((customizer) -> template.webClientCustomizer(customizer::customize));
		return template.build();
	}

	/**
	 * A clone of Boot's builder (never Boot's own, which other clients share) with a connector that has
	 * the Bytez timeouts, follows no redirect and, for Reactor Netty, has the client's own pool.
	 */
	private static WebClient.Builder webClientBuilder(BytezProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<BytezConnectionPool> connectionPool) {
		// never follow a redirect, whatever spring.http.clients.redirects says: Bytez does not redirect,
		// and a followed one would carry the provider-key header (and, on some connectors, the API key)
		// to whatever host it names; the client reports a 3xx as an invalid answer instead
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpConnectorBuilder<?> connector = connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect);
		BytezConnectionPool pool = connectionPool.getIfAvailable();
		if (pool != null) {
			connector = pool.applyTo(connector);
		}
		if (REACTOR_NETTY_PRESENT) {
			connector = ReactorInterimAnswers.applyTo(connector);
		}
		return webClientBuilder.getIfAvailable(WebClient::builder).clone().clientConnector(connector.build(settings));
	}

	private static void applyConnectionDetails(BytezConnectionDetails connectionDetails,
			BytezTemplateBuilder template) {
		String apiKey = connectionDetails.getApiKey();
		if (!StringUtils.hasText(apiKey)) {
			throw new MissingBytezApiKeyException();
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(apiKey).to(template::apiKey);
		map.from(connectionDetails::getBaseUrl).to(template::baseUrl);
		map.from(connectionDetails::getProviderKey).to(template::providerKey);
	}

	private static void applyProperties(BytezProperties properties, BytezTemplateBuilder template) {
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getStreamIdleTimeout).to(template::streamIdleTimeout);
		map.from(properties::getResponseTimeout).to(template::responseTimeout);
		map.from(properties::getMaxInMemorySize).to(template::maxInMemorySize);
		map.from(properties::getMaxInlineMediaSize).to(template::maxInlineMediaSize);
		map.from(properties.getRetry()::toPolicy).to(template::retryPolicy);
		map.from(properties::getMaxConcurrentRequests).to(template::maxConcurrentRequests);
		map.from(properties::getMaxPendingRequests).to(template::maxPendingRequests);
		map.from(properties::isAutoScale).to(template::autoScale);
		map.from(properties::isAdaptiveConcurrency).to(template::adaptiveConcurrency);
		map.from(properties.getObservations()::isIncludeModel).to(template::includeModelInObservations);
		// BytezPropertiesValidator has rejected an endpoint without a model id or a URL
		properties.getEndpoints().forEach((alias, endpoint) -> template.endpoint(
				Objects.requireNonNull(endpoint.getModelId()), Objects.requireNonNull(endpoint.getUrl())));
	}

	/** The {@code bytez.*} property of a client builder option, e.g. {@code bytez.max-pending-requests}. */
	private static void applySharedBudget(BytezProperties properties, ObjectProvider<BytezSharedBudget> sharedBudget,
			BytezTemplateBuilder template) {
		BytezProperties.Concurrency concurrency = properties.getConcurrency();
		if (concurrency.getStore() != BytezProperties.Concurrency.Store.REDIS) {
			return;
		}
		BytezSharedBudget budget = sharedBudget.getIfAvailable();
		if (budget == null) {
			throw new BytezSharedBudgetException("bytez.concurrency.store=redis needs Redisson on the classpath,"
					+ " and org.redisson:redisson is not there",
					"Add the dependency org.redisson:redisson (tested with " + REDISSON_TESTED
							+ "), or set bytez.concurrency.store=local.",
					null);
		}
		if (budget.store() != null) {
			template.permitStore(budget.store()).permitStoreFailureMode(concurrency.getOnStoreFailure());
		}
	}

	static String propertyName(String builderOption) {
		if ("permitStoreFailureMode".equals(builderOption)) {
			return "bytez.concurrency.on-store-failure";
		}
		if ("permitStore".equals(builderOption)) {
			return "bytez.concurrency.store";
		}
		return "bytez." + builderOption.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

	private static void applyRetryListeners(ObjectProvider<BytezRetryListener> retryListeners,
			BytezTemplateBuilder template) {
		List<BytezRetryListener> listeners = retryListeners.orderedStream().toList();
		if (!listeners.isEmpty()) {
			template.retryListener((event) -> listeners.forEach((listener) -> listener.onRetry(event)));
		}
	}

	private static void applyCallListeners(ObjectProvider<BytezCallListener> callListeners,
			BytezTemplateBuilder template) {
		List<BytezCallListener> listeners = callListeners.orderedStream().toList();
		if (!listeners.isEmpty()) {
			template.callListener((event) -> listeners.forEach((listener) -> listener.onAnswer(event)));
		}
	}

	/**
	 * Descriptions (Prometheus HELP) for the meters Micrometer derives from the client's observation,
	 * and the cap on distinct models in meter tags; Boot applies every {@code MeterFilter} bean to its
	 * registries.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
	static BytezMeterFilter bytezMeterFilter(BytezProperties properties) {
		return new BytezMeterFilter(properties.getObservations().getMaxModelTags());
	}

	/**
	 * The {@code bytez} actuator endpoint, when actuator is on the class path; it reads the template
	 * when asked, so that it also reports a user's own {@code BytezOperations} as not the starter's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BytezEndpoint bytezEndpoint(ObjectProvider<BytezOperations> operations, BytezProperties properties,
				ObjectProvider<BytezSharedBudget> sharedBudget) {
			BytezSharedBudget budget = sharedBudget.getIfAvailable();
			BytezEndpoint.ConcurrencyStore store = (budget != null) ? new BytezEndpoint.ConcurrencyStore("redis",
					budget::store, properties.getConcurrency().getTimeout().toMillis())
					: BytezEndpoint.ConcurrencyStore.LOCAL;
			return new BytezEndpoint(() -> (operations.getIfUnique() instanceof BytezTemplate template)
					? template.status() : null, store);
		}

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
