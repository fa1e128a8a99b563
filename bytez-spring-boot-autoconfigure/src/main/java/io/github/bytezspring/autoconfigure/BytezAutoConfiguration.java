package io.github.bytezspring.autoconfigure;

import java.util.List;
import java.util.Objects;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezSettings;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
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

	/**
	 * The Redisson version this starter is tested with (docs/concurrency.md says the
	 * same).
	 */
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
			.settingNames(BytezBootSettings::propertyName);
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
	 * A clone of Boot's builder (never Boot's own, which other clients share) with a
	 * connector that has the Bytez timeouts, follows no redirect and, for Reactor Netty,
	 * has the client's own pool.
	 */
	private static WebClient.Builder webClientBuilder(BytezProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<BytezConnectionPool> connectionPool) {
		// never follow a redirect, whatever spring.http.clients.redirects says: Bytez
		// does not redirect,
		// and a followed one would carry the provider-key header (and, on some
		// connectors, the API key)
		// to whatever host it names; the client reports a 3xx as an invalid answer
		// instead
		// no read timeout on the connector: the client itself bounds each attempt by
		// bytez.response-timeout
		// (a JSON call's whole answer, a stream's headers; a connector's read timeout,
		// which starts later and
		// restarts with every read, cannot end those first) and a stream's gaps by
		// bytez.stream-idle-timeout;
		// a read timeout would only add a timer and a pipeline handler to every request,
		// and a global
		// spring.http.clients read timeout must not cut a cold model's minutes-long first
		// answer short
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), null)
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

	/**
	 * Every builder option that a {@code bytez.*} property sets, by its setting's
	 * description (see {@link BytezSettings}); then what no single property maps to.
	 */
	private static void applyProperties(BytezProperties properties, BytezTemplateBuilder template) {
		BytezSettings.applyTo(template, (setting) -> BytezBootSettings.valueOf(properties, setting));
		PropertyMapper map = PropertyMapper.get();
		map.from(properties.getRetry()::toPolicy).to(template::retryPolicy);
		// BytezPropertiesValidator has rejected an endpoint without a model id or a URL
		properties.getEndpoints()
			.forEach((alias, endpoint) -> template.endpoint(Objects.requireNonNull(endpoint.getModelId()),
					Objects.requireNonNull(endpoint.getUrl())));
		// BytezPropertiesValidator has rejected a chain without a model
		properties.getFallbacks()
			.forEach((fallback) -> template.fallback(Objects.requireNonNull(fallback.getModel()),
					fallback.getThen().toArray(String[]::new)));
	}

	/**
	 * Shares {@code bytez.max-concurrent-requests} through the Redis budget when
	 * {@code bytez.concurrency.store=redis}.
	 */
	private static void applySharedBudget(BytezProperties properties, ObjectProvider<BytezSharedBudget> sharedBudget,
			BytezTemplateBuilder template) {
		BytezProperties.Concurrency concurrency = properties.getConcurrency();
		if (concurrency.getStore() != BytezProperties.Concurrency.Store.REDIS) {
			return;
		}
		BytezSharedBudget budget = sharedBudget.getIfAvailable();
		if (budget == null) {
			throw new BytezSharedBudgetException(
					"bytez.concurrency.store=redis needs Redisson on the classpath,"
							+ " and org.redisson:redisson is not there",
					"Add the dependency org.redisson:redisson (tested with " + REDISSON_TESTED
							+ "), or set bytez.concurrency.store=local.",
					null);
		}
		if (budget.store() != null) {
			template.permitStore(budget.store()).permitStoreFailureMode(concurrency.getOnStoreFailure());
		}
		if (budget.spendStore() != null) {
			template.spendStore(budget.spendStore());
		}
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
	 * Descriptions (Prometheus HELP) for the meters Micrometer derives from the client's
	 * observation, and the cap on distinct models in meter tags; Boot applies every
	 * {@code MeterFilter} bean to its registries.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
	static BytezMeterFilter bytezMeterFilter(BytezProperties properties) {
		return new BytezMeterFilter(properties.getObservations().getMaxModelTags());
	}

	/**
	 * Warm-up calls of {@code bytez.warm-up.models} once the application is ready, in the
	 * background.
	 */
	@Bean
	@ConditionalOnMissingBean
	@Conditional(WarmUpModelsCondition.class)
	BytezWarmUp bytezWarmUp(BytezOperations operations, BytezProperties properties) {
		return new BytezWarmUp(operations, properties.getWarmUp().getModels(), properties.getWarmUp().getTimeout());
	}

	/**
	 * The {@code bytez} health contributor of the warm-up when the concurrency store is
	 * local (with Redis, the shared budget's contributor shows the warm-up too).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnProperty(name = "bytez.concurrency.store", havingValue = "local", matchIfMissing = true)
	@Conditional(WarmUpModelsCondition.class)
	static class WarmUpHealthConfiguration {

		/**
		 * Nested, so that its condition (from spring-boot-health) is read only when that
		 * module is there.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("bytez")
		static class EnabledHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "bytezHealthIndicator")
			BytezWarmUpHealthIndicator bytezHealthIndicator(BytezWarmUp warmUp) {
				return new BytezWarmUpHealthIndicator(warmUp);
			}

		}

	}

	/**
	 * The {@code bytez} actuator endpoint, when actuator is on the class path; it reads
	 * the template when asked, so that it also reports a user's own
	 * {@code BytezOperations} as not the starter's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BytezEndpoint bytezEndpoint(ObjectProvider<BytezOperations> operations, BytezProperties properties,
				ObjectProvider<BytezSharedBudget> sharedBudget, ObjectProvider<BytezWarmUp> warmUp) {
			BytezSharedBudget budget = sharedBudget.getIfAvailable();
			BytezEndpoint.ConcurrencyStore store = (budget != null) ? new BytezEndpoint.ConcurrencyStore("redis",
					budget::store, properties.getConcurrency().getTimeout().toMillis())
					: BytezEndpoint.ConcurrencyStore.LOCAL;
			return new BytezEndpoint(
					() -> (operations.getIfUnique() instanceof BytezTemplate template) ? template.status() : null,
					store)
				.withBudget(() -> (operations.getIfUnique() instanceof BytezTemplate template)
						? template.budgetStatus().orElse(null) : null)
				.withWarmUp(warmUp.getIfAvailable());
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
