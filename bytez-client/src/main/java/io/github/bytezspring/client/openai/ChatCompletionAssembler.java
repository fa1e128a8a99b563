package io.github.bytezspring.client.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Puts the chunks of a streamed chat completion together into the {@link ChatCompletion}
 * a call without streaming would have answered: the text, the reasoning and each tool
 * call's arguments joined from their fragments, the finish reason and the usage. Not
 * thread-safe: feed it one stream's chunks in order, e.g.
 * {@code chunks.reduceWith(ChatCompletionAssembler::new, ChatCompletionAssembler::add).map(ChatCompletionAssembler::completion)}.
 */
public final class ChatCompletionAssembler {

	private final Map<Integer, Answer> answers = new TreeMap<>();

	private @Nullable String id;

	private @Nullable Long created;

	private @Nullable String model;

	private @Nullable OpenAiUsage usage;

	/**
	 * Put a whole stream's chunks together.
	 * @param chunks the chunks in order
	 * @return the completion
	 */
	public static ChatCompletion assemble(Iterable<ChatCompletionChunk> chunks) {
		Assert.notNull(chunks, "chunks must not be null");
		ChatCompletionAssembler assembler = new ChatCompletionAssembler();
		chunks.forEach(assembler::add);
		return assembler.completion();
	}

	/**
	 * Add the next chunk.
	 * @param chunk the chunk
	 * @return this assembler
	 */
	public ChatCompletionAssembler add(ChatCompletionChunk chunk) {
		Assert.notNull(chunk, "chunk must not be null");
		this.id = (chunk.id() != null) ? chunk.id() : this.id;
		this.created = (chunk.created() != null) ? chunk.created() : this.created;
		this.model = (chunk.model() != null) ? chunk.model() : this.model;
		this.usage = (chunk.usage() != null) ? chunk.usage() : this.usage;
		if (chunk.choices() != null) {
			for (ChatCompletionChunk.Choice choice : chunk.choices()) {
				if (choice == null) {
					continue;
				}
				this.answers.computeIfAbsent(choice.index(), (index) -> new Answer()).add(choice);
			}
		}
		return this;
	}

	/**
	 * The completion of the chunks added so far.
	 * @return the completion
	 */
	public ChatCompletion completion() {
		List<ChatCompletion.Choice> choices = new ArrayList<>();
		this.answers.forEach((index, answer) -> choices.add(answer.choice(index)));
		return new ChatCompletion(this.id, "chat.completion", this.created, this.model, choices, this.usage);
	}

	/**
	 * One answer, as far as it has arrived.
	 */
	private static final class Answer {

		private @Nullable String role;

		private @Nullable StringBuilder content;

		private @Nullable StringBuilder reasoning;

		private final TreeMap<Integer, Call> calls = new TreeMap<>();

		private @Nullable String finishReason;

		void add(ChatCompletionChunk.Choice choice) {
			this.finishReason = (choice.finishReason() != null) ? choice.finishReason() : this.finishReason;
			ChatCompletionChunk.Delta delta = choice.delta();
			if (delta == null) {
				return;
			}
			this.role = (delta.role() != null) ? delta.role() : this.role;
			this.content = append(this.content, delta.content());
			this.reasoning = append(this.reasoning, delta.reasoningContent());
			if (delta.toolCalls() != null) {
				for (ChatCompletionChunk.ToolCallDelta piece : delta.toolCalls()) {
					if (piece == null) {
						continue;
					}
					// a piece without an index continues the last call, or starts the
					// first
					int index = (piece.index() != null) ? piece.index()
							: (this.calls.isEmpty() ? 0 : this.calls.lastKey());
					this.calls.computeIfAbsent(index, (key) -> new Call()).add(piece);
				}
			}
		}

		ChatCompletion.Choice choice(int index) {
			List<ChatToolCall> toolCalls = this.calls.isEmpty() ? null
					: this.calls.values().stream().map(Call::toolCall).toList();
			ChatMessage message = new ChatMessage((this.role != null) ? this.role : "assistant",
					(this.content != null) ? this.content.toString() : null, null, toolCalls, null,
					(this.reasoning != null) ? this.reasoning.toString() : null);
			return new ChatCompletion.Choice(index, message, this.finishReason);
		}

		private static @Nullable StringBuilder append(@Nullable StringBuilder text, @Nullable String piece) {
			if (piece == null) {
				return text;
			}
			return ((text != null) ? text : new StringBuilder()).append(piece);
		}

	}

	/**
	 * One tool call, as far as it has arrived.
	 */
	private static final class Call {

		private @Nullable String id;

		private @Nullable String type;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		void add(ChatCompletionChunk.ToolCallDelta piece) {
			this.id = (piece.id() != null) ? piece.id() : this.id;
			this.type = (piece.type() != null) ? piece.type() : this.type;
			if (piece.function() != null) {
				this.name = (piece.function().name() != null) ? piece.function().name() : this.name;
				if (piece.function().arguments() != null) {
					this.arguments.append(piece.function().arguments());
				}
			}
		}

		ChatToolCall toolCall() {
			return new ChatToolCall(this.id, (this.type != null) ? this.type : "function",
					new ChatToolCall.Function(this.name, this.arguments.toString()));
		}

	}

}
