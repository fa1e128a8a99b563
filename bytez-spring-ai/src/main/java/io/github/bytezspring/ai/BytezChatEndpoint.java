package io.github.bytezspring.ai;

/**
 * Which Bytez endpoint a {@link BytezChatModel} sends a prompt to.
 */
public enum BytezChatEndpoint {

	/**
	 * Chosen per prompt: {@link #RESPONSES} for a prompt that carries tool definitions,
	 * tool calls or tool results, a native output schema or reasoning options (the
	 * endpoint Bytez documents tools and reasoning on), {@link #RUN} for every other
	 * prompt.
	 */
	AUTO,

	/**
	 * The native run endpoint, {@code POST /models/v2/{modelId}}: any Bytez chat model,
	 * no tools, no output schema.
	 */
	RUN,

	/**
	 * The OpenAI-compatible {@code /responses}: tools, output schema and reasoning.
	 */
	RESPONSES,

	/**
	 * The OpenAI-compatible {@code /chat/completions}: tools and output schema are sent,
	 * and Bytez passes them on to the model (its specification of this endpoint does not
	 * list them).
	 */
	CHAT_COMPLETIONS

}
