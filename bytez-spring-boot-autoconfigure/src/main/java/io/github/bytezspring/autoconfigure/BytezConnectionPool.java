package io.github.bytezspring.autoconfigure;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * The Bytez client's own Reactor Netty connection pool: long model streams then never
 * starve the application's other HTTP clients of Reactor Netty's shared pool, and calls
 * beyond its size wait for a connection instead of failing at once.
 */
final class BytezConnectionPool implements DisposableBean {

	/** The most connections to Bytez by default. */
	static final int DEFAULT_MAX_CONNECTIONS = 500;

	/** How long an unused connection is kept open by default. */
	static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);

	private final ConnectionProvider provider;

	BytezConnectionPool(int maxConnections, Duration maxIdleTime, Duration acquireTimeout) {
		this.provider = ConnectionProvider.builder("bytez")
			.maxConnections(maxConnections)
			// waiting calls queue without bound here: bytez.max-concurrent-requests and
			// bytez.max-pending-requests are the bounds a user sets
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(acquireTimeout)
			.maxIdleTime(maxIdleTime)
			.build();
	}

	/**
	 * Make a Reactor Netty connector builder use this pool; other connectors are left as
	 * they are.
	 */
	ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder) {
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			return reactor.withHttpClientFactory(() -> HttpClient.create(this.provider));
		}
		return builder;
	}

	ConnectionProvider provider() {
		return this.provider;
	}

	@Override
	public void destroy() {
		this.provider.dispose();
	}

}
