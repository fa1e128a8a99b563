package io.github.bytezspring.docs;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import io.github.bytezspring.test.BytezStubLauncherEnvironment;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.BytezStubTestConfiguration;
import io.github.bytezspring.testrun.StubAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the testing page's test-run launcher ({@code docs/testing.md}, "Running your
 * application against the stub").
 */
@ExtendWith(OutputCaptureExtension.class)
class TestRunSnippetsTests {

	@Test
	void theLauncherRunsTheApplicationAgainstTheStub(CapturedOutput output) {
		// the snippet: TestDocsApplication's main
		SpringApplication.Running running = SpringApplication.from(DocsApplication::main)
			.with(BytezStubTestConfiguration.class)
			.run("--bytez.api-key=real-key-ignored", "--bytez.retry.initial-backoff=5ms");
		BytezStubServer stub;
		try (ConfigurableApplicationContext context = running.getApplicationContext()) {
			stub = context.getBean(BytezStubServer.class);
			assertThat(context.getBean(BytezConnectionDetails.class).getBaseUrl()).isEqualTo(stub.baseUrl());
			assertThat(context.getBean(BytezConnectionDetails.class).getApiKey()).isEqualTo(BytezStubServer.API_KEY);
			stub.answerText("Qwen/Qwen3-4B", "London.");
			assertThat(context.getBean(Assistant.class).answer("Capital of England?").block()).isEqualTo("London.");
			assertThat(stub.lastRequest("Qwen/Qwen3-4B").header("Authorization")).isEqualTo(BytezStubServer.API_KEY);
			assertThat(output).contains("Using the Bytez stub at " + stub.baseUrl());
		}
		assertThat(stub.wireMock().isRunning()).isFalse();
	}

	@Test
	void aTestConfigurationShapesTheStubsAnswers() {
		// the snippet: TestMyApplication's main with its StubAnswers
		SpringApplication.Running running = SpringApplication.from(DocsApplication::main)
			.with(BytezStubTestConfiguration.class, StubAnswers.class)
			.run();
		try (ConfigurableApplicationContext context = running.getApplicationContext()) {
			BytezStubServer stub = context.getBean(BytezStubServer.class);
			assertThat(context.getBean(Assistant.class).answer("Capital of England?").block())
				.isEqualTo(StubAnswers.ANSWER);
			assertThat(stub.requests("Qwen/Qwen3-4B")).as("the first call rate-limited, then retried").hasSize(2);
		}
	}

	@Test
	void theLauncherKeepsTheConcurrencyLimitLocalWhenTheApplicationSharesItThroughRedis() {
		// the application's configuration asks for Redis, which is not there
		SpringApplication.Running running = SpringApplication.from(DocsApplication::main)
			.with(BytezStubTestConfiguration.class)
			.run("--spring.config.import=classpath:launcher-shared-budget.yml");
		try (ConfigurableApplicationContext context = running.getApplicationContext()) {
			assertThat(context.getEnvironment().getProperty("bytez.concurrency.redis.url"))
				.isEqualTo("redis://127.0.0.1:9");
			assertThat(context.getEnvironment().getProperty("bytez.concurrency.store")).isEqualTo("local");
			BytezStubServer stub = context.getBean(BytezStubServer.class);
			stub.answerText("Qwen/Qwen3-4B", "London.");
			assertThat(context.getBean(Assistant.class).answer("Capital of England?").block()).isEqualTo("London.");
		}
	}

	@Test
	void onlyAnApplicationLaunchedWithTheStubHasItsLimitKeptLocal() {
		StandardEnvironment environment = new StandardEnvironment();
		BytezStubLauncherEnvironment launcher = new BytezStubLauncherEnvironment();
		launcher.postProcessEnvironment(environment, new SpringApplication(DocsApplication.class));
		assertThat(environment.getProperty("bytez.concurrency.store")).isNull();
		launcher.postProcessEnvironment(environment,
				new SpringApplication(DocsApplication.class, BytezStubTestConfiguration.class));
		assertThat(environment.getProperty("bytez.concurrency.store")).isEqualTo("local");
	}

}
