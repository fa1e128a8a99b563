package io.github.bytezspring.ai;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;

/**
 * The token usage a closed model's provider reports in {@code provider.usage}: OpenAI's
 * {@code prompt_tokens}/{@code completion_tokens}, Anthropic's {@code input_tokens}/{@code output_tokens}
 * or Google's {@code usageMetadata}; empty for open models, which report none.
 */
final class ProviderUsage {

	private ProviderUsage() {
	}

	static Usage of(@Nullable JsonNode provider) {
		if (provider == null || !provider.isObject()) {
			return new EmptyUsage();
		}
		JsonNode usage = provider.get("usage");
		if (usage != null && usage.isObject()) {
			Integer prompt = firstInt(usage, "prompt_tokens", "input_tokens");
			Integer completion = firstInt(usage, "completion_tokens", "output_tokens");
			Integer total = firstInt(usage, "total_tokens");
			return new DefaultUsage(prompt, completion, total, nativeUsage(usage));
		}
		JsonNode google = provider.get("usageMetadata");
		if (google != null && google.isObject()) {
			return new DefaultUsage(firstInt(google, "promptTokenCount"), firstInt(google, "candidatesTokenCount"),
					firstInt(google, "totalTokenCount"), nativeUsage(google));
		}
		return new EmptyUsage();
	}

	private static @Nullable Integer firstInt(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && value.isIntegralNumber()) {
				return value.intValue();
			}
		}
		return null;
	}

	private static Map<String, Object> nativeUsage(JsonNode usage) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : usage.properties()) {
			JsonNode value = field.getValue();
			values.put(field.getKey(), value.isNumber() ? value.numberValue() : value.toString());
		}
		return values;
	}

}
