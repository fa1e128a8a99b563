package io.github.bytezspring.ai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class BytezChatModelTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final BytezOperations bytez = mock(BytezOperations.class);

	private final BytezChatModel model = new BytezChatModel(this.bytez,
			BytezChatOptions.builder().model("Qwen/Qwen3-4B").stopSequences(List.of("A")).build());

	@Test
	void promptOptionsOverrideTheDefaults() {
		given(this.bytez.run(eq("other/model"), any(BytezInput.class), any(BytezOptions.class)))
			.willReturn(Mono.just(response("\"hi\"")));
		this.model.call(
				new Prompt("Hi", BytezChatOptions.builder().model("other/model").stopSequences(List.of("B")).build()));
		ArgumentCaptor<BytezOptions> options = ArgumentCaptor.forClass(BytezOptions.class);
		verify(this.bytez).run(eq("other/model"), eq(BytezInput.messages(BytezMessage.user("Hi"))), options.capture());
		assertThat(options.getValue().params()).containsEntry("stop", List.of("B"));
	}

	@Test
	void toolsOnAForcedRunEndpointAreRefusedBeforeAnyCall() {
		ToolCallback tool = mock(ToolCallback.class);
		given(tool.getToolDefinition())
			.willReturn(ToolDefinition.builder().name("lookup").description("d").inputSchema("{}").build());
		Prompt prompt = new Prompt("Hi",
				BytezChatOptions.builder().endpoint(BytezChatEndpoint.RUN).toolCallbacks(List.of(tool)).build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(prompt))
			.withMessageContaining("no tools")
			.withMessageContaining("lookup")
			.withMessageContaining("BytezChatOptions.endpoint");
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.stream(prompt).blockLast());
		Prompt toolResponse = new Prompt(List.of(new UserMessage("Hi"),
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "lookup", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("1", "lookup", "42")))
					.build()),
				BytezChatOptions.builder().endpoint(BytezChatEndpoint.RUN).build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.model.call(toolResponse))
			.withMessageContaining("an assistant message with tool calls, a tool response message");
		verifyNoInteractions(this.bytez);
	}

	@Test
	void anOutputSchemaThatIsNotJsonIsRefusedBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.model.call(new Prompt("Hi", BytezChatOptions.builder().outputSchema("{not json").build())))
			.withMessageContaining("the output schema is not valid JSON");
		verifyNoInteractions(this.bytez);
	}

	@Test
	void reasoningOptionsGoToResponsesAndItsReasoningComesBackInTheMessagesMetadata() {
		BytezOpenAi openAi = mock(BytezOpenAi.class);
		given(this.bytez.openAi()).willReturn(openAi);
		given(openAi.responses(any())).willReturn(Mono.just(MAPPER.readValue("""
				{"id":"resp_1","object":"response","model":"openai/o4-mini","status":"completed",
				 "output":[{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Counted."}],
				            "content":[{"type":"reasoning_text","text":"1, 2, 3."}]},
				           {"type":"message","id":"m_1","role":"assistant",
				            "content":[{"type":"output_text","text":"Three."}]}],
				 "usage":{"input_tokens":4,"output_tokens":9,"total_tokens":13}}""", ResponsesResult.class)));

		ChatResponse response = this.model.call(new Prompt("How many?",
				BytezChatOptions.builder()
					.model("openai/o4-mini")
					.reasoningEffort("low")
					.reasoningSummary("auto")
					.build()));

		ArgumentCaptor<ResponsesRequest> request = ArgumentCaptor.forClass(ResponsesRequest.class);
		verify(openAi).responses(request.capture());
		assertThat(request.getValue().params()).containsEntry("reasoning", Map.of("effort", "low", "summary", "auto"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Three.");
		assertThat(response.getResult().getOutput().getMetadata())
			.containsEntry(BytezAiMetadata.REASONING_SUMMARY, "Counted.")
			.containsEntry(BytezAiMetadata.REASONING_CONTENT, "1, 2, 3.");
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(13);
		assertThat(response.getMetadata().getId()).isEqualTo("resp_1");
	}

	@Test
	void aStreamedCompletionJoinsToolCallFragmentsIntoOneLastResponse() {
		BytezOpenAi openAi = mock(BytezOpenAi.class);
		given(this.bytez.openAi()).willReturn(openAi);
		given(openAi.streamChatCompletion(any())).willReturn(Flux.just(
				chunk("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[]}}]}"),
				chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
						+ "\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\"\"}}]}}]}"),
				chunk("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
						+ "\"function\":{\"arguments\":\":1}\"}}]}}]}"),
				chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"),
				chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5}}")));

		List<ChatResponse> responses = this.model
			.stream(new Prompt("Hi", BytezChatOptions.builder().endpoint(BytezChatEndpoint.CHAT_COMPLETIONS).build()))
			.collectList()
			.block();

		assertThat(responses).hasSize(1);
		ChatResponse last = responses.get(0);
		assertThat(last.getResult().getOutput().getToolCalls())
			.containsExactly(new AssistantMessage.ToolCall("call_1", "function", "lookup", "{\"q\":1}"));
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
		assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(5);
	}

	@Test
	void aModelIsRequired() {
		BytezChatModel unnamed = new BytezChatModel(this.bytez, BytezChatOptions.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> unnamed.call("Hi"))
			.withMessageContaining("BytezChatOptions.builder().model(..)");
	}

	@Test
	void streamTakesItsParentObservationFromTheSubscriberContext() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		BytezChatModel observed = new BytezChatModel(this.bytez,
				BytezChatOptions.builder().model("Qwen/Qwen3-4B").build(), registry);
		given(this.bytez.stream(any(), any(), any())).willReturn(Flux.just("a", "b"));
		io.micrometer.observation.Observation parent = io.micrometer.observation.Observation.start("caller", registry);
		List<String> texts = observed.stream("Hi")
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
			.collectList()
			.block();
		parent.stop();
		// the last response carries the stream's metadata and no text
		assertThat(texts).containsExactly("a", "b", "");
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextMatching((context) -> "caller".equals(context.getName()));
	}

	@Test
	void aStreamsObservationHasStoppedWithItsResponseWhenTheSubscriberSeesTheEnd() {
		ObservationRegistry registry = ObservationRegistry.create();
		List<ChatModelObservationContext> stopped = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<ChatModelObservationContext>() {

			@Override
			public void onStop(ChatModelObservationContext context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ChatModelObservationContext;
			}

		});
		BytezChatModel observed = new BytezChatModel(this.bytez,
				BytezChatOptions.builder().model("Qwen/Qwen3-4B").build(), registry);
		given(this.bytez.stream(any(), any(), any())).willReturn(Flux.just("a", "b"));
		List<Integer> stoppedAtTheEnd = new CopyOnWriteArrayList<>();

		observed.stream(new Prompt("Hi")).doOnComplete(() -> stoppedAtTheEnd.add(stopped.size())).blockLast();
		// a caller that reads gen_ai.client.token.usage right after blockLast finds it
		assertThat(stoppedAtTheEnd).containsExactly(1);
		assertThat(stopped.get(0).getResponse()).isNotNull();
		assertThat(stopped.get(0).getResponse().getResult().getOutput().getText()).isEqualTo("ab");

		// a subscriber that stops early stops the observation once
		observed.stream(new Prompt("Hi")).take(1).blockLast();
		assertThat(stopped).hasSize(2);

		given(this.bytez.stream(any(), any(), any())).willReturn(Flux.error(new IllegalStateException("boom")));
		List<Integer> stoppedAtTheError = new CopyOnWriteArrayList<>();
		observed.stream(new Prompt("Hi"))
			.doOnError((ex) -> stoppedAtTheError.add(stopped.size()))
			.onErrorResume((ex) -> Flux.empty())
			.blockLast();
		assertThat(stoppedAtTheError).containsExactly(3);
		assertThat(stopped.get(2).getError()).hasMessage("boom");
	}

	@Test
	void constructorArgumentsAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezChatModel(null, BytezChatOptions.builder().build()))
			.withMessageContaining("bytez");
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezChatModel(this.bytez, null))
			.withMessageContaining("defaultOptions");
	}

	private static ChatCompletionChunk chunk(String json) {
		return MAPPER.readValue(json, ChatCompletionChunk.class);
	}

	private static BytezResponse response(String outputJson) {
		return new BytezResponse(MAPPER.readTree(outputJson), null, MAPPER);
	}

}
