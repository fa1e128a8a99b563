package io.github.bytezspring.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.model.BytezContent;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMediaSource;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.http.MediaType;
import org.springframework.util.MimeType;

/**
 * One chat call as Bytez takes it: the model, the {@code messages} and the
 * {@code params}, converted from a Spring AI prompt whose options are already merged with
 * the model's defaults.
 */
record BytezChatRequest(String modelId, BytezInput input, BytezOptions options) {

	static BytezChatRequest of(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		String modelId = modelId(options);
		List<BytezMessage> messages = new ArrayList<>();
		for (Message message : prompt.getInstructions()) {
			messages.add(message(message));
		}
		return new BytezChatRequest(modelId, BytezInput.messages(messages), options(options));
	}

	static String modelId(@Nullable ChatOptions options) {
		String modelId = (options != null) ? options.getModel() : null;
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException(
					"the chat options name no model: set BytezChatOptions.builder().model(..) in the "
							+ "model's default options or the prompt's");
		}
		return modelId;
	}

	private static BytezMessage message(Message message) {
		if (message instanceof SystemMessage system) {
			return BytezMessage.system(text(system.getText()));
		}
		if (message instanceof UserMessage user) {
			return user(user);
		}
		if (message instanceof AssistantMessage assistant) {
			return BytezMessage.assistant(text(assistant.getText()));
		}
		throw new IllegalArgumentException("unsupported message type " + message.getMessageType());
	}

	private static BytezMessage user(UserMessage user) {
		if (user.getMedia().isEmpty()) {
			return BytezMessage.user(text(user.getText()));
		}
		List<BytezContent> blocks = new ArrayList<>();
		String text = user.getText();
		if (text != null && !text.isEmpty()) {
			blocks.add(BytezContent.text(text));
		}
		for (Media media : user.getMedia()) {
			blocks.add(BytezContent.media(type(media.getMimeType()), source(media)));
		}
		return BytezMessage.user(blocks.toArray(BytezContent[]::new));
	}

	private static BytezContent.Type type(MimeType mimeType) {
		return switch (mimeType.getType()) {
			case "image" -> BytezContent.Type.IMAGE;
			case "audio" -> BytezContent.Type.AUDIO;
			case "video" -> BytezContent.Type.VIDEO;
			default -> throw new IllegalArgumentException(
					"Bytez takes image, audio and video media in chat messages, not " + mimeType);
		};
	}

	static BytezMediaSource source(Media media) {
		Object data = media.getData();
		if (data instanceof String location) {
			return location.startsWith("data:") ? BytezMediaSource.dataUrl(location) : BytezMediaSource.url(location);
		}
		MimeType mimeType = media.getMimeType();
		return BytezMediaSource.bytes(media.getDataAsByteArray(),
				new MediaType(mimeType.getType(), mimeType.getSubtype(), mimeType.getParameters()));
	}

	private static String text(@Nullable String text) {
		return (text != null) ? text : "";
	}

	static BytezOptions options(@Nullable ChatOptions options) {
		Map<String, Object> params = new LinkedHashMap<>();
		if (options == null) {
			return BytezOptions.builder().params(params).build();
		}
		if (options instanceof BytezChatOptions bytez) {
			params.putAll(bytez.getParams());
		}
		putIfSet(params, "max_new_tokens", options.getMaxTokens());
		putIfSet(params, "temperature", options.getTemperature());
		putIfSet(params, "top_p", options.getTopP());
		putIfSet(params, "top_k", options.getTopK());
		putIfSet(params, "frequency_penalty", options.getFrequencyPenalty());
		putIfSet(params, "presence_penalty", options.getPresencePenalty());
		List<String> stop = options.getStopSequences();
		if (stop != null && !stop.isEmpty()) {
			params.put("stop", List.copyOf(stop));
		}
		BytezOptions.Builder bytez = BytezOptions.builder().params(params);
		if (options instanceof BytezChatOptions chat && chat.getFallbackModels() != null) {
			bytez.fallbackModels(chat.getFallbackModels().toArray(String[]::new));
		}
		return bytez.build();
	}

	private static void putIfSet(Map<String, Object> params, String name, @Nullable Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

}
