package io.github.bytezspring.client.openai;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One output item of a Responses answer: a {@code message} (its {@code output_text}
 * parts), a {@code reasoning} item (its summary and text), or a {@code function_call}
 * (name, call id, arguments); fields an item's type does not have are {@code null}.
 *
 * @param type the item type: {@code message}, {@code reasoning}, {@code function_call},
 * ...
 * @param id the item's id
 * @param status its status, e.g. {@code completed}
 * @param role the role of a message, {@code assistant}
 * @param content the parts of a message ({@code output_text}, {@code refusal}) or of
 * reasoning ({@code reasoning_text})
 * @param summary the summary parts of reasoning ({@code summary_text})
 * @param callId the id of a function call, which its result names
 * @param name the name of the called function
 * @param arguments the arguments of a function call, a JSON text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesOutputItem(@Nullable String type, @Nullable String id, @Nullable String status,
		@Nullable String role, @Nullable List<Content> content, @Nullable List<Content> summary,
		@JsonProperty("call_id") @Nullable String callId, @Nullable String name, @Nullable String arguments) {

	/**
	 * The text of a message's {@code output_text} parts, joined.
	 * @return the text, empty when the item has none
	 */
	public String text() {
		return join(this.content, "output_text");
	}

	/**
	 * The text of a reasoning item's summary parts, joined.
	 * @return the summary, empty when the item has none
	 */
	public String summaryText() {
		return join(this.summary, null);
	}

	private static String join(@Nullable List<Content> parts, @Nullable String type) {
		if (parts == null) {
			return "";
		}
		return parts.stream()
			.filter((part) -> type == null || type.equals(part.type()))
			.map(Content::text)
			.filter((text) -> text != null)
			.collect(Collectors.joining());
	}

	/**
	 * One part of an item's content or summary.
	 *
	 * @param type the part type, e.g. {@code output_text}, {@code summary_text},
	 * {@code refusal}
	 * @param text its text
	 * @param refusal the text of a {@code refusal} part
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Content(@Nullable String type, @Nullable String text, @Nullable String refusal) {
	}

}
