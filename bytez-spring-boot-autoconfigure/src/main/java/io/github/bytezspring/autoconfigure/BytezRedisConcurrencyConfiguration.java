package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.budget.RedisSpendStore;
import io.github.bytezspring.client.concurrency.PermitStoreFailureMode;
import io.github.bytezspring.client.concurrency.RedisPermitStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The concurrency budget shared through Redis ({@code bytez.concurrency.store=redis}): a
 * Redisson permit-expirable semaphore, on the application's {@link RedissonClient} or on
 * one of its own created from {@code bytez.concurrency.redis.url} and shut down with the
 * context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.redisson.api.RedissonClient")
@ConditionalOnProperty(name = "bytez.concurrency.store", havingValue = "redis")
class BytezRedisConcurrencyConfiguration {

	private static final Log logger = LogFactory.getLog(BytezRedisConcurrencyConfiguration.class);

	@Bean
	BytezSharedBudget bytezSharedBudget(BytezProperties properties, BytezConnectionDetails connectionDetails,
			ObjectProvider<RedissonClient> redissonClient) {
		BytezProperties.Concurrency concurrency = properties.getConcurrency();
		String name = StringUtils.hasText(concurrency.getName()) ? "bytez:concurrency:" + concurrency.getName()
				: RedisPermitStore.semaphoreName(connectionDetails.getApiKey());
		RedissonClient shared = redissonClient.getIfAvailable();
		RedissonClient owned = null;
		try {
			RedissonClient client = shared;
			if (client == null) {
				owned = Redisson.create(config(concurrency));
				client = owned;
			}
			RedisPermitStore store = RedisPermitStore.connect(client, name, properties.getMaxConcurrentRequests(),
					concurrency.getLeaseTime(), concurrency.getTimeout());
			RedissonClient toShutDown = owned;
			// the spend of bytez.budget.max-cost, on the same connection, named like the
			// concurrency budget
			RedisSpendStore spendStore = (properties.getBudget().getMaxCost() != null) ? new RedisSpendStore(client,
					StringUtils.hasText(concurrency.getName()) ? "bytez:budget:" + concurrency.getName()
							: RedisSpendStore.budgetName(connectionDetails.getApiKey()),
					concurrency.getTimeout()) : null;
			return new BytezSharedBudget(store, spendStore, () -> {
				store.close();
				if (toShutDown != null) {
					toShutDown.shutdown();
				}
			});
		}
		catch (BytezSharedBudgetException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (owned != null) {
				owned.shutdown();
			}
			String where = (shared != null) ? "the application's RedissonClient" : "bytez.concurrency.redis.url ("
					+ BytezPermitStoreHealthIndicator.scrubbed(String.valueOf(concurrency.getRedis().getUrl())) + ")";
			if (concurrency.getOnStoreFailure() == PermitStoreFailureMode.LOCAL) {
				logger.warn("The shared Bytez concurrency budget is unavailable (Redis at " + where
						+ " could not be reached: " + ex.getMessage() + "); bytez.concurrency.on-store-failure=local,"
						+ " so this instance starts with its local limit alone");
				return new BytezSharedBudget(null, null);
			}
			throw new BytezSharedBudgetException(
					"The shared Bytez concurrency budget (bytez.concurrency.store=redis)"
							+ " could not be set up: Redis at " + where + " could not be reached within "
							+ concurrency.getTimeout() + " (bytez.concurrency.timeout): " + ex.getMessage(),
					"""
							Check that Redis is running and reachable at bytez.concurrency.redis.url (or through the \
							application's RedissonClient bean), or:
							    - set bytez.concurrency.on-store-failure=local to start with this instance's local limit
							    - set bytez.concurrency.store=local to keep the limit local to each instance""", ex);
		}
	}

	/**
	 * The {@code bytez} health contributor of the shared budget, when Boot's health
	 * support is there; it is in no health group (liveness, readiness) unless the
	 * application adds it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		/**
		 * Nested, so that its condition (from spring-boot-health) is read only when that
		 * module is there.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("bytez")
		static class EnabledHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "bytezHealthIndicator")
			BytezPermitStoreHealthIndicator bytezHealthIndicator(BytezSharedBudget budget, BytezProperties properties,
					ObjectProvider<BytezWarmUp> warmUp) {
				return new BytezPermitStoreHealthIndicator(budget, properties.getConcurrency().getTimeout(),
						warmUp.getIfAvailable());
			}

		}

	}

	private static Config config(BytezProperties.Concurrency concurrency) {
		String url = concurrency.getRedis().getUrl();
		if (url == null) {
			throw new BytezSharedBudgetException(
					"The shared Bytez concurrency budget (bytez.concurrency.store=redis)"
							+ " has no Redis to use: the application has no RedissonClient bean and"
							+ " bytez.concurrency.redis.url is not set",
					"""
							Set bytez.concurrency.redis.url, e.g. redis://127.0.0.1:6379, or define a RedissonClient \
							bean; or set bytez.concurrency.store=local.""", null);
		}
		int timeout = Math.toIntExact(Math.min(concurrency.getTimeout().toMillis(), Integer.MAX_VALUE));
		Config config = new Config();
		config.useSingleServer()
			.setAddress(url)
			.setConnectTimeout(timeout)
			.setTimeout(timeout)
			.setRetryAttempts(1)
			.setConnectionMinimumIdleSize(2)
			.setSubscriptionConnectionMinimumIdleSize(1);
		return config;
	}

}
