package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When every connection of the client's pool ({@code bytez.pool.max-connections}) is
 * taken and none frees up in time, a call fails with a {@link BytezConnectException} that
 * names the setting, not with a timeout about streams.
 */
@SpringBootTest(properties = { "bytez.api-key=k", "bytez.pool.max-connections=1", "bytez.retry.max-retries=0",
		"bytez.response-timeout=10s", "bytez.stream-idle-timeout=10s" })
class BytezConnectionPoolExhaustionTests {

	static final AtomicInteger requests = new AtomicInteger();

	// every answer is a stream that never ends, so the one connection stays taken
	static final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
		requests.incrementAndGet();
		return response.header("Content-Type", "text/plain")
			.sendString(Flux.just("first").concatWith(Flux.never()))
			.then();
	}).bindNow();

	@Autowired
	private BytezTemplate template;

	@DynamicPropertySource
	static void bytezUrl(DynamicPropertyRegistry registry) {
		registry.add("bytez.base-url", () -> "http://127.0.0.1:" + server.port());
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	@Test
	void aCallThatFindsNoFreeConnectionIsAConnectErrorNamingThePoolSize() throws InterruptedException {
		CountDownLatch firstChunk = new CountDownLatch(1);
		Disposable held = this.template.stream("org/model", BytezInput.text("held"))
			.subscribe((chunk) -> firstChunk.countDown());
		try {
			assertThat(firstChunk.await(5, TimeUnit.SECONDS)).as("the first stream holds the connection").isTrue();

			StepVerifier.create(this.template.run("org/model", BytezInput.text("x")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezConnectException.class)
					.hasMessageContaining("no free connection in the connection pool")
					.hasMessageContaining("bytez.pool.max-connections")
					.hasMessageNotContaining("stream-idle-timeout"))
				.verify(Duration.ofSeconds(5));
			assertThat(requests.get()).as("the waiting call sent nothing").isEqualTo(1);
		}
		finally {
			held.dispose();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		// the pool Boot builds from bytez.pool.*, only with a short wait for a connection
		@Bean
		BytezConnectionPool bytezConnectionPool(BytezProperties properties) {
			return new BytezConnectionPool(properties.getPool().getMaxConnections(),
					properties.getPool().getMaxIdleTime(), Duration.ofMillis(300));
		}

	}

}
