package io.github.bytezspring.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * A bean that adjusts the {@link WebClient.Builder} behind the auto-configured
 * {@code BytezTemplate}, after the starter's own settings; several run in {@code @Order}
 * order.
 */
@FunctionalInterface
public interface BytezWebClientCustomizer {

	/**
	 * Adjust the builder.
	 * @param webClientBuilder the builder the Bytez client is built from
	 */
	void customize(WebClient.Builder webClientBuilder);

}
