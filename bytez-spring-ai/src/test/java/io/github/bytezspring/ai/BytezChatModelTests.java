package io.github.bytezspring.ai;

import java.util.List;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
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
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
		given(this.bytez.run(eq("other/model"), any(BytezInput.class), any(BytezOptions.class))).willReturn(Mono.just(response("\"hi\"")));
		this.model.call(new Prompt("Hi", BytezChatOptions.builder().model("other/model").stopSequences(List.of("B")).build()));
		ArgumentCaptor<BytezOptions> options = ArgumentCaptor.forClass(BytezOptions.class);
		verify(this.bytez).run(eq("other/model"), eq(BytezInput.messages(BytezMessage.user("Hi"))), options.capture());
		assertThat(options.getValue().params()).containsEntry("stop", List.of("B"));
	}

	@Test
	void toolDefinitionsAreRefusedBeforeAnyCall() {
		ToolCallback tool = mock(ToolCallback.class);
		given(tool.getToolDefinition())
			.willReturn(ToolDefinition.builder().name("lookup").description("d").inputSchema("{}").build());
		Prompt prompt = new Prompt("Hi", BytezChatOptions.builder().toolCallbacks(List.of(tool)).build());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.model.call(prompt))
			.withMessageContaining("no tools")
			.withMessageContaining("lookup");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.model.stream(prompt).blockLast());
		verifyNoInteractions(this.bytez);
	}

	@Test
	void toolMessagesAreRefused() {
		Prompt toolCall = new Prompt(List.of(new UserMessage("Hi"), AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "lookup", "{}")))
			.build()));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.model.call(toolCall))
			.withMessageContaining("tool calls");
		Prompt toolResponse = new Prompt(List.of(new UserMessage("Hi"), ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("1", "lookup", "42")))
			.build()));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.model.call(toolResponse))
			.withMessageContaining("tool response");
		verifyNoInteractions(this.bytez);
	}

	@Test
	void aModelIsRequired() {
		BytezChatModel unnamed = new BytezChatModel(this.bytez, BytezChatOptions.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> unnamed.call("Hi"))
			.withMessageContaining("spring.ai.bytez.chat.options.model");
	}

	@Test
	void streamTakesItsParentObservationFromTheSubscriberContext() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		BytezChatModel observed = new BytezChatModel(this.bytez, BytezChatOptions.builder().model("Qwen/Qwen3-4B").build(),
				registry);
		given(this.bytez.stream(any(), any(), any())).willReturn(Flux.just("a", "b"));
		io.micrometer.observation.Observation parent = io.micrometer.observation.Observation.start("caller", registry);
		List<String> texts = observed.stream("Hi")
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent))
			.collectList()
			.block();
		parent.stop();
		assertThat(texts).containsExactly("a", "b");
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasParentObservationContextMatching((context) -> "caller".equals(context.getName()));
	}

	@Test
	void constructorArgumentsAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezChatModel(null, BytezChatOptions.builder().build()))
			.withMessageContaining("bytez");
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezChatModel(this.bytez, null))
			.withMessageContaining("defaultOptions");
	}

	private static BytezResponse response(String outputJson) {
		return new BytezResponse(MAPPER.readTree(outputJson), null, MAPPER);
	}

}
