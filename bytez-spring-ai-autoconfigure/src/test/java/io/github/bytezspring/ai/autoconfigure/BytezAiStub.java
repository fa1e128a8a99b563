package io.github.bytezspring.ai.autoconfigure;

import io.github.bytezspring.autoconfigure.BytezAutoConfiguration;
import io.github.bytezspring.test.BytezStubServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * A context runner with the starter's and the Spring AI auto-configurations, pointed at a
 * stub.
 */
final class BytezAiStub {

	static final String CHAT = "Qwen/Qwen3-4B";

	private BytezAiStub() {
	}

	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				BytezAutoConfiguration.class, BytezAiAutoConfiguration.class));
	}

	static ApplicationContextRunner runner(BytezStubServer stub) {
		return runner().withPropertyValues("bytez.base-url=" + stub.baseUrl(),
				"bytez.api-key=" + BytezStubServer.API_KEY, "bytez.retry.initial-backoff=1ms",
				"bytez.retry.max-backoff=5ms");
	}

}
