package io.github.bytezspring.ai;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezTokenUsage;
import io.github.bytezspring.client.openai.ChatCompletionAssembler;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link ChatModel} (and so a {@code StreamingChatModel}) on a Bytez chat
 * model, through {@link BytezOperations}: the starter's retries, limiter, timeouts, typed
 * errors and metrics apply to every call.
 * <p>
 * A prompt with tools, tool calls or results, an output schema or reasoning options goes
 * to Bytez's OpenAI-compatible {@code /responses} (or the endpoint
 * {@link BytezChatOptions#getEndpoint()} forces); the model returns the tool calls
 * unexecuted, for {@code ChatClient}'s tool-calling advisor to run. Every response
 * carries the usage, the rate limit and the metering of Bytez's answer (see
 * {@link BytezAiMetadata}); a stream's last response carries them for the whole stream.
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
	 * @param observationRegistry where the {@code gen_ai.client.operation} observations
	 * go
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
		BytezChatOptions options = (BytezChatOptions) Objects.requireNonNull(request.getOptions());
		BytezChatEndpoint endpoint = ChatRoute.of(request, options);
		String modelId = BytezChatRequest.modelId(options);
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(request)
			.provider(PROVIDER)
			.build();
		Observation observation = observation(context);
		return observation.observe(() -> {
			BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
			Mono<ChatAnswer> answer = switch (endpoint) {
				case RESPONSES -> {
					ResponsesRequest responses = ResponsesChat.request(request, options);
					yield this.bytez.openAi().responses(responses).map(ResponsesChat::answer);
				}
				case CHAT_COMPLETIONS -> {
					ChatCompletionRequest completions = CompletionsChat.request(request, options, false);
					yield this.bytez.openAi()
						.chatCompletion(completions)
						.map((completion) -> CompletionsChat.answer(completion, true));
				}
				default -> run(BytezChatRequest.of(request));
			};
			ChatAnswer result = answer
				.contextWrite((reactor) -> ObservationParent.put(capture.putInto(reactor), observation))
				.block();
			Assert.state(result != null, "Bytez answered no response");
			BytezCallMetadata metadata = capture.metadata();
			String answered = capture.model(modelId);
			ChatResponse chatResponse = result.toResponse(answered, endpoint, metadata,
					BytezAiMetadata.estimatedCostNow(this.bytez, answered, metadata));
			context.setResponse(chatResponse);
			return chatResponse;
		});
	}

	private Mono<ChatAnswer> run(BytezChatRequest chat) {
		return this.bytez.run(chat.modelId(), chat.input(), chat.options())
			.map((response) -> new ChatAnswer(response.outputText(), List.of(), null, null, null, null,
					BytezTokenUsage.of(response.provider())));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((contextView) -> {
			Prompt request = requestPrompt(prompt);
			BytezChatOptions options = (BytezChatOptions) Objects.requireNonNull(request.getOptions());
			BytezChatEndpoint endpoint = ChatRoute.of(request, options);
			String modelId = BytezChatRequest.modelId(options);
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
			BytezAiMetadata.Capture capture = new BytezAiMetadata.Capture();
			Flux<ChatAnswer> answers = switch (endpoint) {
				case RESPONSES -> streamResponses(request, options);
				case CHAT_COMPLETIONS -> streamCompletions(request, options);
				default -> streamRun(BytezChatRequest.of(request));
			};
			observation.start();
			Flux<ChatResponse> responses = answers
				.concatMap((answer) -> (answer.finishReason() != null) ? last(answer, modelId, endpoint, capture)
						: Mono
							.just(answer.toResponse(capture.model(modelId), endpoint, BytezCallMetadata.empty(), null)))
				.contextWrite((reactor) -> ObservationParent.put(capture.putInto(reactor), observation));
			// The observation stops before the stream's end reaches the subscriber, so
			// what its handlers record (gen_ai.client.token.usage among them) is there
			// once the subscriber has seen the end: doFinally would stop it only after,
			// on the stream's thread, racing a caller that reads the meters after
			// blockLast.
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			return new MessageAggregator().aggregate(responses, context::setResponse)
				.doOnError(observation::error)
				.doOnTerminate(stop)
				.doOnCancel(stop);
		});
	}

	/**
	 * The response that ends a stream, with the metadata of the call and its estimated
	 * cost.
	 */
	private Mono<ChatResponse> last(ChatAnswer answer, String modelId, BytezChatEndpoint endpoint,
			BytezAiMetadata.Capture capture) {
		BytezCallMetadata metadata = capture.metadata();
		String answered = capture.model(modelId);
		return BytezAiMetadata.estimatedCost(this.bytez, answered, metadata)
			.map((cost) -> answer.toResponse(answered, endpoint, metadata, cost.orElse(null)));
	}

	/**
	 * The native stream's text pieces, then an answer without text that ends the stream
	 * and carries its metadata (the native stream reports no usage).
	 */
	private Flux<ChatAnswer> streamRun(BytezChatRequest chat) {
		return this.bytez.stream(chat.modelId(), chat.input(), chat.options())
			.map(ChatAnswer::text)
			.concatWith(Mono
				.fromSupplier(() -> new ChatAnswer("", List.of(), null, null, "stop", null, BytezTokenUsage.empty())));
	}

	private Flux<ChatAnswer> streamResponses(Prompt request, BytezChatOptions options) {
		ResponsesRequest responses = ResponsesChat.request(request, options);
		return this.bytez.openAi()
			.streamResponses(responses)
			.filter((event) -> event.isFinal() || !event.textDelta().isEmpty())
			.map((event) -> event.isFinal() ? ResponsesChat.finalAnswer(event) : ChatAnswer.text(event.textDelta()));
	}

	/**
	 * The text of each chunk as it comes; the tool calls, whose arguments arrive in
	 * fragments, joined in one last answer with the usage and the finish reason.
	 */
	private Flux<ChatAnswer> streamCompletions(Prompt request, BytezChatOptions options) {
		ChatCompletionRequest completions = CompletionsChat.request(request, options, true);
		return Flux.defer(() -> {
			ChatCompletionAssembler assembler = new ChatCompletionAssembler();
			return this.bytez.openAi()
				.streamChatCompletion(completions)
				.doOnNext(assembler::add)
				.filter((chunk) -> !chunk.content().isEmpty())
				.map((chunk) -> ChatAnswer.text(chunk.content()))
				.concatWith(Mono.fromSupplier(() -> CompletionsChat.answer(assembler.completion(), false)));
		});
	}

	private Observation observation(ChatModelObservationContext context) {
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(this.observationConvention,
				DEFAULT_CONVENTION, () -> context, this.observationRegistry);
	}

	/**
	 * The prompt with its options laid over this model's defaults: what the prompt sets
	 * wins.
	 */
	// the prompt always has options: this model's defaults, with the prompt's own laid
	// over them
	private Prompt requestPrompt(Prompt prompt) {
		Assert.notNull(prompt, "prompt must not be null");
		ChatOptions options = prompt.getOptions();
		BytezChatOptions.Builder merged = this.defaultOptions.mutate();
		if (options != null) {
			merged.combineWith(options.mutate());
			if (options.getStopSequences() != null) {
				// the prompt's stop sequences replace the defaults rather than adding to
				// them
				merged.stopSequences(options.getStopSequences());
			}
			if (options instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
				merged.outputSchema(structured.getOutputSchema());
			}
			if (options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null
					&& !tools.getToolCallbacks().isEmpty()) {
				merged.toolCallbacks(tools.getToolCallbacks());
			}
		}
		return prompt.mutate().chatOptions(merged.build()).build();
	}

}
