package io.github.bytezspring.autoconfigure;

import io.github.bytezspring.client.internal.InterimAnswers;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Makes a Reactor Netty connector skip interim (1xx) answers, which Reactor Netty would
 * hand over as the answer (the other connectors skip them); loaded only when Reactor
 * Netty is on the classpath.
 */
final class ReactorInterimAnswers {

	private ReactorInterimAnswers() {
	}

	static ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder) {
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			return reactor.withHttpClientCustomizer(InterimAnswers::skipping);
		}
		return builder;
	}

}
