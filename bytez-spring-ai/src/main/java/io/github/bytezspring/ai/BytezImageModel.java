package io.github.bytezspring.ai;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezOutput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.image.Image;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.ai.image.ImageResponseMetadata;
import org.springframework.ai.image.observation.DefaultImageModelObservationConvention;
import org.springframework.ai.image.observation.ImageModelObservationContext;
import org.springframework.ai.image.observation.ImageModelObservationConvention;
import org.springframework.ai.image.observation.ImageModelObservationDocumentation;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link ImageModel} on a Bytez {@code text-to-image} model: the image Bytez
 * makes, as its URL or (with {@code b64_json}) its bytes.
 */
public final class BytezImageModel implements ImageModel {

	private static final ImageModelObservationConvention DEFAULT_CONVENTION = new DefaultImageModelObservationConvention();

	private final BytezOperations bytez;

	private final BytezImageOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private ImageModelObservationConvention observationConvention = DEFAULT_CONVENTION;

	/**
	 * Create a model.
	 * @param bytez the client
	 * @param defaultOptions the options a prompt's own override
	 * @param observationRegistry where the image observations go
	 */
	public BytezImageModel(BytezOperations bytez, BytezImageOptions defaultOptions,
			ObservationRegistry observationRegistry) {
		Assert.notNull(bytez, "bytez must not be null");
		Assert.notNull(defaultOptions, "defaultOptions must not be null");
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.bytez = bytez;
		this.defaultOptions = defaultOptions;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Use another convention for the image observations.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ImageModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "observationConvention must not be null");
		this.observationConvention = observationConvention;
	}

	@Override
	public ImageResponse call(ImagePrompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		BytezImageOptions options = this.defaultOptions.mergedWith(prompt.getOptions());
		String modelId = options.model();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException(
					"the image options name no model: set BytezImageOptions.model(..) in the model's default "
							+ "options or the prompt's");
		}
		ImagePrompt merged = new ImagePrompt(prompt.getInstructions(), options);
		ImageModelObservationContext context = ImageModelObservationContext.builder()
			.imagePrompt(merged)
			.provider(BytezChatModel.PROVIDER)
			.build();
		Observation observation = ImageModelObservationDocumentation.IMAGE_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		return observation.observe(() -> {
			BytezInput input = BytezInput
				.text(prompt.getInstructions().stream().map(ImageMessage::getText).collect(Collectors.joining("\n")));
			BytezOptions bytezOptions = BytezOptions.builder().params(params(options)).build();
			int count = (options.n() != null) ? options.n() : 1;
			BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
			List<ImageGeneration> images = Flux.range(0, count)
				.concatMap((index) -> image(modelId, input, bytezOptions, options))
				.map(ImageGeneration::new)
				.collectList()
				.contextWrite((reactor) -> ObservationParent.put(capture.putInto(reactor), observation))
				.block();
			ImageResponseMetadata metadata = new ImageResponseMetadata();
			BytezCallMetadata call = capture.metadata();
			BytezAiMetadata.entries(call, BytezAiMetadata.estimatedCostNow(this.bytez, modelId, call))
				.forEach(metadata::put);
			ImageResponse response = new ImageResponse((images != null) ? images : List.of(), metadata);
			context.setResponse(response);
			return response;
		});
	}

	private Mono<Image> image(String modelId, BytezInput input, BytezOptions bytezOptions, BytezImageOptions options) {
		if (BytezImageOptions.B64_JSON.equals(options.responseFormat())) {
			return DataBufferUtils.join(this.bytez.streamMedia(modelId, input, bytezOptions)).map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return new Image(null, Base64.getEncoder().encodeToString(bytes));
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
		}
		return this.bytez.run(modelId, input, bytezOptions, BytezOutput.MEDIA_URL).map(BytezImageModel::image);
	}

	/**
	 * An image from the output Bytez answers: a URL, or the image itself as a data URL.
	 */
	static Image image(String output) {
		if (output.startsWith("data:")) {
			int comma = output.indexOf(',');
			return new Image(null, output.substring(comma + 1));
		}
		return new Image(output, null);
	}

	private static Map<String, Object> params(BytezImageOptions options) {
		Map<String, Object> params = new LinkedHashMap<>(options.params());
		if (options.width() != null) {
			params.put("width", options.width());
		}
		if (options.height() != null) {
			params.put("height", options.height());
		}
		return params;
	}

}
