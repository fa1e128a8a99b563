package io.github.bytezspring.ai;

import java.util.List;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link ChatModel} (and so a {@code StreamingChatModel}) on a Bytez chat model, through
 * {@link BytezOperations}: the starter's retries, limiter, timeouts, typed errors and metrics apply to
 * every call.
 */
public final class BytezChatModel implements ChatModel {

	/** The provider name in observations: {@value}. */
	public static final String PROVIDER = "bytez";

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

	private final BytezOperations bytez;

	private final BytezChatOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private ChatModelObservationConvention observationConvention = DEFAULT_CONVENTION;

	/**
	 * Create a model without observations.
	 * @param bytez the client
	 * @param defaultOptions the options a prompt's own override
	 */
	public BytezChatModel(BytezOperations bytez, BytezChatOptions defaultOptions) {
		this(bytez, defaultOptions, ObservationRegistry.NOOP);
	}

	/**
	 * Create a model.
	 * @param bytez the client
	 * @param defaultOptions the options a prompt's own override
	 * @param observationRegistry where the {@code gen_ai.client.operation} observations go
	 */
	public BytezChatModel(BytezOperations bytez, BytezChatOptions defaultOptions,
			ObservationRegistry observationRegistry) {
		Assert.notNull(bytez, "bytez must not be null");
		Assert.notNull(defaultOptions, "defaultOptions must not be null");
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.bytez = bytez;
		this.defaultOptions = defaultOptions.copy();
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Use another convention for the chat observations.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "observationConvention must not be null");
		this.observationConvention = observationConvention;
	}

	@Override
	public BytezChatOptions getOptions() {
		return this.defaultOptions.copy();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Prompt request = requestPrompt(prompt);
		BytezChatRequest chat = BytezChatRequest.of(request);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(request)
			.provider(PROVIDER)
			.build();
		Observation observation = observation(context);
		return observation.observe(() -> {
			BytezResponse response = this.bytez.run(chat.modelId(), chat.input(), chat.options())
				.contextWrite((reactor) -> ObservationParent.put(reactor, observation))
				.block();
			Assert.state(response != null, "Bytez answered no response");
			ChatResponse chatResponse = new ChatResponse(List.of(new Generation(new AssistantMessage(response.outputText()))),
					ChatResponseMetadata.builder().model(chat.modelId()).usage(ProviderUsage.of(response.provider())).build());
			context.setResponse(chatResponse);
			return chatResponse;
		});
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			Prompt request = requestPrompt(prompt);
			BytezChatRequest chat = BytezChatRequest.of(request);
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(request)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = observation(context);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			observation.start();
			ChatResponseMetadata metadata = ChatResponseMetadata.builder()
				.model(chat.modelId())
				.usage(new EmptyUsage())
				.build();
			Flux<ChatResponse> responses = this.bytez.stream(chat.modelId(), chat.input(), chat.options())
				.map((text) -> new ChatResponse(List.of(new Generation(new AssistantMessage(text))), metadata))
				.doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((reactor) -> ObservationParent.put(reactor, observation));
			return new MessageAggregator().aggregate(responses, context::setResponse);
		});
	}

	private Observation observation(ChatModelObservationContext context) {
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(this.observationConvention,
				DEFAULT_CONVENTION, () -> context, this.observationRegistry);
	}

	/**
	 * The prompt with its options laid over this model's defaults: what the prompt sets wins.
	 */
	private Prompt requestPrompt(Prompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		ChatOptions options = prompt.getOptions();
		BytezChatOptions.Builder merged = this.defaultOptions.mutate();
		if (options != null) {
			merged.combineWith(options.mutate());
			if (options.getStopSequences() != null) {
				// the prompt's stop sequences replace the defaults rather than adding to them
				merged.stopSequences(options.getStopSequences());
			}
		}
		return prompt.mutate().chatOptions(merged.build()).build();
	}

}
