package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezModelInfo;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * The estimated cost of calls: inference time times the model's {@code meterPrice}, which
 * it looks up in the model list with a request of its own, outside the call pipeline (a
 * look-up the user did not make is neither observed, metered, retried nor limited), and
 * keeps in its own cache.
 */
public final class PriceCatalogue {

	private final ModelPrices prices;

	/**
	 * A catalogue that looks prices up with {@code webClient}, whose base URL is Bytez's;
	 * that client should observe nothing (see
	 * {@code WebClient.Builder#observationRegistry}).
	 * @param webClient the client of the look-ups
	 * @param authorization the {@code Authorization} header value
	 * @param timeout the deadline of one look-up
	 * @param mapper reads the model list
	 */
	public PriceCatalogue(WebClient webClient, String authorization, Duration timeout, ObjectMapper mapper) {
		this.prices = new ModelPrices((modelId) -> find(webClient, authorization, timeout, mapper, modelId),
				System::nanoTime);
	}

	/**
	 * The estimated cost of one call in US dollars: its inference time times the model's
	 * price per second.
	 * @param modelId the model that was called
	 * @param metadata what its answer said
	 * @return the cost, empty when the answer had no inference time or the price is
	 * unknown; never fails
	 */
	public Mono<Double> estimateCost(@Nullable String modelId, @Nullable BytezCallMetadata metadata) {
		if (modelId == null || metadata == null || metadata.inferenceTime().isEmpty()) {
			return Mono.empty();
		}
		double seconds = metadata.inferenceTime().get().toNanos() / 1e9;
		return Mono.defer(() -> this.prices.perSecond(modelId))
			.map((price) -> seconds * price)
			.filter((dollars) -> Double.isFinite(dollars) && dollars >= 0)
			.onErrorResume((ex) -> Mono.empty());
	}

	private static Mono<BytezModelInfo> find(WebClient webClient, String authorization, Duration timeout,
			ObjectMapper mapper, String modelId) {
		ModelIds.validate(modelId);
		return webClient.get()
			.uri(Route.findModel(modelId).uri())
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.retrieve()
			.bodyToMono(byte[].class)
			.timeout(timeout)
			.mapNotNull((body) -> model(mapper, modelId, body));
	}

	private static @Nullable BytezModelInfo model(ObjectMapper mapper, String modelId, byte[] body) {
		JsonNode output = mapper.readTree(body).path("output");
		for (JsonNode model : output) {
			if (model.isObject() && modelId.equals(model.path("modelId").asString(null))) {
				return mapper.treeToValue(model, BytezModelInfo.class);
			}
		}
		return null;
	}

}
