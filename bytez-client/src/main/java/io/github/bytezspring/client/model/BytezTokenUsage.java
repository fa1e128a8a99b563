package io.github.bytezspring.client.model;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The tokens a call used, read from whichever of the shapes Bytez returns: OpenAI's chat
 * ({@code prompt_tokens}, {@code completion_tokens}, {@code total_tokens}), the Responses
 * API's and Anthropic's ({@code input_tokens}, {@code output_tokens}), or Google's
 * {@code usageMetadata} ({@code promptTokenCount}, {@code candidatesTokenCount},
 * {@code totalTokenCount}); found in a usage object itself, under {@code usage} or
 * {@code usageMetadata}, or under {@code provider} of a run answer.
 * <p>
 * Reading never fails: a count that is not a whole number from 0 to
 * {@link Integer#MAX_VALUE} (a string, a fraction, a negative, infinite or overflowing
 * number) is left out, as if absent.
 *
 * @param input tokens of the input (the prompt), or {@code null} when not reported
 * @param output tokens generated, or {@code null} when not reported
 * @param total both together: as reported, else the sum of the two when both are known,
 * else {@code null}
 */
public record BytezTokenUsage(@Nullable Integer input, @Nullable Integer output, @Nullable Integer total) {

	private static final BytezTokenUsage EMPTY = new BytezTokenUsage(null, null, null);

	private static final String[] INPUT = { "prompt_tokens", "input_tokens", "promptTokenCount" };

	private static final String[] OUTPUT = { "completion_tokens", "output_tokens", "candidatesTokenCount" };

	private static final String[] TOTAL = { "total_tokens", "totalTokenCount" };

	private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

	/**
	 * Usage with no counts, as for an answer that reports none.
	 * @return the empty usage
	 */
	public static BytezTokenUsage empty() {
		return EMPTY;
	}

	/**
	 * Read the usage of an answer: {@code json} may be a usage object, an object holding
	 * one under {@code usage} or {@code usageMetadata} (an OpenAI-compatible answer, a
	 * provider object), or a run answer holding one under {@code provider}.
	 * @param json the JSON, or {@code null}
	 * @return the usage, {@link #empty()} when none is found
	 */
	public static BytezTokenUsage of(@Nullable JsonNode json) {
		if (json == null || !json.isObject()) {
			return EMPTY;
		}
		BytezTokenUsage usage = read(json);
		for (String place : new String[] { "usage", "usageMetadata" }) {
			if (usage.isEmpty()) {
				usage = read(json.get(place));
			}
		}
		if (usage.isEmpty() && json.get("provider") != null && json.get("provider").isObject()) {
			return of(json.get("provider"));
		}
		return usage;
	}

	/**
	 * Whether no count was reported.
	 * @return whether input, output and total are all {@code null}
	 */
	public boolean isEmpty() {
		return this.input == null && this.output == null && this.total == null;
	}

	private static BytezTokenUsage read(@Nullable JsonNode usage) {
		if (usage == null || !usage.isObject()) {
			return EMPTY;
		}
		Integer input = first(usage, INPUT);
		Integer output = first(usage, OUTPUT);
		Integer total = first(usage, TOTAL);
		if (total == null && input != null && output != null && (long) input + output <= Integer.MAX_VALUE) {
			total = input + output;
		}
		return (input == null && output == null && total == null) ? EMPTY : new BytezTokenUsage(input, output, total);
	}

	private static @Nullable Integer first(JsonNode usage, String[] names) {
		for (String name : names) {
			Integer count = count(usage.get(name));
			if (count != null) {
				return count;
			}
		}
		return null;
	}

	/**
	 * A count: a whole number from 0 to {@code Integer.MAX_VALUE}, written as an integer
	 * or a number with no fraction (e.g. {@code 12.0}); anything else is {@code null}.
	 */
	private static @Nullable Integer count(@Nullable JsonNode value) {
		if (value == null || !value.isNumber()) {
			return null;
		}
		if (value.isIntegralNumber()) {
			return (value.canConvertToInt() && value.intValue() >= 0) ? value.intValue() : null;
		}
		double number = value.doubleValue();
		if (!Double.isFinite(number)) {
			return null;
		}
		BigDecimal decimal = value.decimalValue();
		if (decimal.signum() < 0 || decimal.compareTo(MAX) > 0 || decimal.stripTrailingZeros().scale() > 0) {
			return null;
		}
		return decimal.intValue();
	}

}
