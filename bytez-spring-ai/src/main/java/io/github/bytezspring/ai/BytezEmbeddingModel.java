package io.github.bytezspring.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezOutput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link EmbeddingModel} on a Bytez {@code feature-extraction} model: one
 * Bytez call per text, run concurrently under the client's concurrency limiter.
 */
public final class BytezEmbeddingModel implements EmbeddingModel {

	/**
	 * At most this many texts of one request are in flight at once (the client's limiter
	 * still applies).
	 */
	static final int CONCURRENCY = 16;

	private static final EmbeddingModelObservationConvention DEFAULT_CONVENTION = new DefaultEmbeddingModelObservationConvention();

	private final BytezOperations bytez;

	private final BytezEmbeddingOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final AtomicInteger dimensions = new AtomicInteger();

	private EmbeddingModelObservationConvention observationConvention = DEFAULT_CONVENTION;

	/**
	 * Create a model.
	 * @param bytez the client
	 * @param defaultOptions the options a request's own override
	 * @param observationRegistry where the embedding observations go
	 */
	public BytezEmbeddingModel(BytezOperations bytez, BytezEmbeddingOptions defaultOptions,
			ObservationRegistry observationRegistry) {
		Assert.notNull(bytez, "bytez must not be null");
		Assert.notNull(defaultOptions, "defaultOptions must not be null");
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.bytez = bytez;
		this.defaultOptions = defaultOptions;
		this.observationRegistry = observationRegistry;
		if (defaultOptions.dimensions() != null) {
			this.dimensions.set(defaultOptions.dimensions());
		}
	}

	/**
	 * Use another convention for the embedding observations.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(EmbeddingModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "observationConvention must not be null");
		this.observationConvention = observationConvention;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		Assert.notNull(request, "request must not be null");
		BytezEmbeddingOptions options = this.defaultOptions.mergedWith(request.getOptions());
		String modelId = options.model();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException("the embedding options name no model: set "
					+ "BytezEmbeddingOptions.model(..) in the model's default options or the request's");
		}
		EmbeddingRequest merged = new EmbeddingRequest(request.getInstructions(), options);
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(merged)
			.provider(BytezChatModel.PROVIDER)
			.build();
		Observation observation = EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		return observation.observe(() -> {
			BytezOptions bytezOptions = BytezOptions.builder().params(options.params()).build();
			List<String> texts = request.getInstructions();
			BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
			List<Embedding> embeddings = Flux.range(0, texts.size())
				.flatMap((index) -> this.bytez
					.run(modelId, BytezInput.text(texts.get(index)), bytezOptions, BytezOutput.EMBEDDING)
					.map((vector) -> new Embedding(vector, index)), CONCURRENCY)
				.collectSortedList(Comparator.comparing(Embedding::getIndex))
				.contextWrite((reactor) -> ObservationParent.put(capture.putInto(reactor), observation))
				.block();
			BytezCallMetadata metadata = capture.metadata();
			EmbeddingResponse response = new EmbeddingResponse((embeddings != null) ? embeddings : new ArrayList<>(),
					new EmbeddingResponseMetadata(modelId, new org.springframework.ai.chat.metadata.EmptyUsage(),
							BytezAiMetadata.entries(metadata,
									BytezAiMetadata.estimatedCostNow(this.bytez, modelId, metadata))));
			context.setResponse(response);
			return response;
		});
	}

	@Override
	public float[] embed(Document document) {
		Assert.notNull(document, "document must not be null");
		String content = getEmbeddingContent(document);
		Assert.notNull(content, "document must have text to embed");
		return embed(content);
	}

	/**
	 * The length of the model's vectors: the configured {@code dimensions} without any
	 * call, or else measured once by embedding a short text.
	 * @return the dimensions
	 */
	@Override
	public int dimensions() {
		int known = this.dimensions.get();
		if (known > 0) {
			return known;
		}
		int measured = embed("Hello World").length;
		this.dimensions.compareAndSet(0, measured);
		return measured;
	}

}
