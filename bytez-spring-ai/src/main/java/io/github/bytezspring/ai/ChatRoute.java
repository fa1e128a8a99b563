package io.github.bytezspring.ai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * Which endpoint a prompt goes to: the one its options force, else the Responses API for
 * a prompt that needs it (tools, tool calls or results in its history, an output schema,
 * reasoning options) and the native run endpoint for every other; a prompt forced onto an
 * endpoint that cannot carry what it holds is refused before any call, never sent with
 * parts of it dropped.
 */
final class ChatRoute {

	private ChatRoute() {
	}

	static BytezChatEndpoint of(Prompt prompt, BytezChatOptions options) {
		List<String> needs = needs(prompt, options);
		BytezChatEndpoint forced = options.getEndpoint();
		if (forced == null || forced == BytezChatEndpoint.AUTO) {
			return needs.isEmpty() ? BytezChatEndpoint.RUN : BytezChatEndpoint.RESPONSES;
		}
		if (forced == BytezChatEndpoint.RUN && !needs.isEmpty()) {
			throw new IllegalArgumentException("Bytez's native run endpoint has no tools, output schema or reasoning "
					+ "options, but the prompt carries " + String.join(", ", needs) + " and the chat options force "
					+ "endpoint RUN (BytezChatOptions.endpoint); use AUTO, RESPONSES or CHAT_COMPLETIONS");
		}
		return forced;
	}

	/**
	 * What the prompt holds that only the OpenAI-compatible endpoints carry.
	 */
	private static List<String> needs(Prompt prompt, BytezChatOptions options) {
		List<String> needs = new ArrayList<>();
		if (!options.getToolCallbacks().isEmpty()) {
			needs.add(options.getToolCallbacks().size() + " tool definition(s) ("
					+ options.getToolCallbacks().stream().map((tool) -> tool.getToolDefinition().name()).toList()
					+ ")");
		}
		for (Message message : prompt.getInstructions()) {
			if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
				needs.add("an assistant message with tool calls");
				break;
			}
		}
		if (prompt.getInstructions().stream().anyMatch(ToolResponseMessage.class::isInstance)) {
			needs.add("a tool response message");
		}
		if (options.getOutputSchema() != null) {
			needs.add("an output schema");
		}
		if (options.getReasoningEffort() != null || options.getReasoningSummary() != null) {
			needs.add("reasoning options");
		}
		return needs;
	}

}
