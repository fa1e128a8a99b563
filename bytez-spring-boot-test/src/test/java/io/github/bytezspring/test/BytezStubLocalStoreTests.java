package io.github.bytezspring.test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureBytezStub} keeps the concurrency limit local: an application
 * configured to share its budget through Redis starts in its tests without Redis, unless
 * the test itself asks for the store.
 */
@SpringBootTest(classes = BytezStubLocalStoreTests.RedisSharingApplication.class)
@AutoConfigureBytezStub
class BytezStubLocalStoreTests {

	@Autowired
	Environment environment;

	@Autowired
	BytezTemplate template;

	@Test
	void anApplicationSharingItsBudgetThroughRedisRunsItsTestsOnTheLocalLimit() {
		assertThat(this.environment.getProperty("bytez.concurrency.store")).isEqualTo("local");
		assertThat(this.environment.getProperty("bytez.max-concurrent-requests")).isEqualTo("4");
		assertThat(this.template.status().permitsHeld()).as("no shared store").isEqualTo(-1);
		assertThat(this.template.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("hi")))
			.block(Duration.ofSeconds(10))
			.outputText()).isNotEmpty();
	}

	@Test
	void aStoreTheTestSetsItselfIsKept() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
						java.util.Map.of("bytez.concurrency.store", "redis")));
			MergedContextConfiguration merged = new MergedContextConfiguration(getClass(), new String[0],
					new Class<?>[0], Set.of(), new String[0], List.of(),
					new String[] { "bytez.concurrency.store=redis" }, Set.of(), null, null, null);
			new BytezStubContextCustomizer(true).customizeContext(context, merged);
			assertThat(context.getEnvironment().getProperty("bytez.concurrency.store")).isEqualTo("redis");
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(BytezStubContextCustomizer.LOCAL_STORE_SOURCE)).isFalse();
			context.refresh();
		}
	}

	@Test
	void theLocalStoreStaysBelowTheTestsOwnPropertiesAndAboveTheApplications() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
						java.util.Map.of("other", "x")));
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("application", java.util.Map.of("bytez.concurrency.store", "redis")));
			new BytezStubContextCustomizer(true).customizeContext(context, null);
			assertThat(context.getEnvironment().getProperty("bytez.concurrency.store")).isEqualTo("local");
			assertThat(context.getEnvironment()
				.getPropertySources()
				.precedenceOf(context.getEnvironment()
					.getPropertySources()
					.get(BytezStubContextCustomizer.LOCAL_STORE_SOURCE)))
				.isEqualTo(1);
			context.refresh();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@PropertySource("classpath:bytez-redis-application.properties")
	static class RedisSharingApplication {

	}

}
