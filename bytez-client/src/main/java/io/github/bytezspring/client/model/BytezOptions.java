package io.github.bytezspring.client.model;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Per-call settings: the model parameters sent as {@code params}, extra top-level body
 * fields, the closed-source provider key, a per-call Bytez API key, and how often this
 * call may be retried; build them with {@link #builder()}.
 */
public final class BytezOptions {

	/**
	 * The run body's fields the typed API writes, which {@link Builder#field} refuses.
	 */
	static final Set<String> OWNED_FIELDS = Set.of("text", "messages", "url", "base64", "question", "context",
			"candidate_labels", "params", "stream", "json");

	private static final BytezOptions DEFAULTS = new BytezOptions(Map.of(), null, null, null, null, Map.of(), null,
			null);

	private final Map<String, Object> params;

	private final @Nullable String providerKey;

	private final @Nullable Integer maxRetries;

	private final @Nullable Duration timeout;

	private final @Nullable Boolean autoScale;

	private final @Nullable String apiKey;

	private final Map<String, Object> fields;

	private final @Nullable List<String> fallbackModels;

	private BytezOptions(Map<String, Object> params, @Nullable String providerKey, @Nullable Integer maxRetries,
			@Nullable Duration timeout, @Nullable String apiKey, Map<String, Object> fields,
			@Nullable Boolean autoScale, @Nullable List<String> fallbackModels) {
		this.fallbackModels = fallbackModels;
		this.params = params;
		this.providerKey = providerKey;
		this.maxRetries = maxRetries;
		this.timeout = timeout;
		this.autoScale = autoScale;
		this.apiKey = apiKey;
		this.fields = fields;
	}

	/**
	 * Options that set nothing: no params, and the configured provider key.
	 * @return the empty options
	 */
	public static BytezOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The model parameters, in the order they were set.
	 * @return an unmodifiable map, empty when none were set
	 */
	public Map<String, Object> params() {
		return this.params;
	}

	/**
	 * The provider key for this call, overriding {@code bytez.provider-key}.
	 * @return the key, or {@code null} to use the configured one
	 */
	public @Nullable String providerKey() {
		return this.providerKey;
	}

	/**
	 * The retries allowed for this call, overriding {@code bytez.retry.max-retries}.
	 * @return the count (0 for none), or {@code null} to use the configured policy
	 */
	public @Nullable Integer maxRetries() {
		return this.maxRetries;
	}

	/**
	 * The bound of this whole call, retries and their backoff included (a stream: until
	 * it completes).
	 * @return the bound, or {@code null} for none
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Whether Bytez may buy the credits needed to run this call beyond the plan's
	 * concurrency instead of answering 429 ({@code "autoScale": true} in the body, open
	 * models).
	 * @return the choice, or {@code null} to use the client's ({@code bytez.auto-scale})
	 */
	public @Nullable Boolean autoScale() {
		return this.autoScale;
	}

	/**
	 * The Bytez API key of this call, used instead of the client's, e.g. one per tenant.
	 * @return the key, or {@code null} for the client's
	 */
	public @Nullable String apiKey() {
		return this.apiKey;
	}

	/**
	 * The extra top-level fields of the run body set with
	 * {@link Builder#field(String, Object)}, in the order they were set.
	 * @return an unmodifiable map, empty when none were set
	 */
	public Map<String, Object> fields() {
		return this.fields;
	}

	/**
	 * The models that take this call over, in order, when the model it names cannot
	 * answer because of its own or the plan's state (see
	 * {@link Builder#fallbackModels(String...)}).
	 * @return the models, empty for none even where the configuration has a chain, or
	 * {@code null} to use the chain configured for the call's model
	 * ({@code bytez.fallbacks}), if any
	 */
	public @Nullable List<String> fallbackModels() {
		return this.fallbackModels;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof BytezOptions that && this.params.equals(that.params)
				&& Objects.equals(this.providerKey, that.providerKey)
				&& Objects.equals(this.maxRetries, that.maxRetries) && Objects.equals(this.timeout, that.timeout)
				&& Objects.equals(this.apiKey, that.apiKey) && this.fields.equals(that.fields)
				&& Objects.equals(this.autoScale, that.autoScale)
				&& Objects.equals(this.fallbackModels, that.fallbackModels));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.params, this.providerKey, this.maxRetries, this.timeout, this.apiKey, this.fields,
				this.autoScale, this.fallbackModels);
	}

	/**
	 * Describe these options; the provider key and API key show only as set or not, never
	 * their values.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "BytezOptions{params=" + this.params + ", providerKey="
				+ ((this.providerKey != null) ? "******" : "none") + ((this.apiKey != null) ? ", apiKey=******" : "")
				+ ((!this.fields.isEmpty()) ? ", fields=" + this.fields.keySet() : "")
				+ ((this.maxRetries != null) ? ", maxRetries=" + this.maxRetries : "")
				+ ((this.timeout != null) ? ", timeout=" + this.timeout : "")
				+ ((this.autoScale != null) ? ", autoScale=" + this.autoScale : "")
				+ ((this.fallbackModels != null) ? ", fallbackModels=" + this.fallbackModels : "") + "}";
	}

	/**
	 * Builds {@link BytezOptions}; typed setters for the common generation parameters,
	 * {@link #param} for any other.
	 */
	public static final class Builder {

		private final Map<String, Object> params = new LinkedHashMap<>();

		private @Nullable String providerKey;

		private @Nullable Integer maxRetries;

		private @Nullable Duration timeout;

		private @Nullable Boolean autoScale;

		private @Nullable String apiKey;

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private @Nullable List<String> fallbackModels;

		private Builder() {
		}

		/**
		 * The models that take this call over, in order, when the model it names cannot
		 * answer because of its own or the plan's state: rate-limited once its retries
		 * are spent ({@code BytezRateLimitException}), out of credits
		 * ({@code BytezPaymentRequiredException}), failing once its retries are spent
		 * ({@code BytezServerException}), or too slow ({@code BytezTimeoutException}: the
		 * {@link #timeout} bounds each model's turn). The same input goes to the next
		 * model; a stream falls back only before its first chunk. A mistake of the caller
		 * (400, 401, 404, invalid input) does not fall back, nor does a failure to reach
		 * Bytez at all. Overrides the chain configured for the model
		 * ({@code bytez.fallbacks}); no ids turn it off for this call.
		 * @param modelIds the models to try after the call's own, in order; none for no
		 * fallback
		 * @return this builder
		 * @throws IllegalArgumentException for a {@code null} or blank id, or one given
		 * twice (the ids are checked like the call's own model id when the call is made,
		 * before any request)
		 */
		public Builder fallbackModels(String... modelIds) {
			Assert.notNull(modelIds, "fallbackModels must not be null; give none to turn fallbacks off");
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < modelIds.length; i++) {
				String modelId = modelIds[i];
				int index = i;
				Assert.hasText(modelId, () -> "fallbackModels[" + index + "] must not be null or blank");
				Assert.isTrue(seen.add(modelId),
						() -> "fallbackModels[" + index + "] '" + modelId + "' is given twice; a model is tried once");
			}
			this.fallbackModels = List.of(modelIds);
			return this;
		}

		/**
		 * Let Bytez buy the credits needed to run this call beyond the plan's concurrency
		 * instead of answering 429 ({@code "autoScale": true}, open models, up to the
		 * account's monthly cap); overrides the client's {@code bytez.auto-scale} for
		 * this call.
		 * @param autoScale whether Bytez may scale past the plan for this call
		 * @return this builder
		 */
		public Builder autoScale(boolean autoScale) {
			this.autoScale = autoScale;
			return this;
		}

		/**
		 * Bound this whole call, retries and their backoff included (a stream: until it
		 * completes); past it the call fails with a {@code BytezTimeoutException}.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Allow this many retries for this call instead of the configured number.
		 * @param maxRetries zero or more
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			Assert.isTrue(maxRetries >= 0, () -> "maxRetries must not be negative, was " + maxRetries);
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Never retry this call, whatever the configuration says.
		 * @return this builder
		 */
		public Builder noRetry() {
			return maxRetries(0);
		}

		/**
		 * Any model parameter, passed to the model untouched (closed models take their
		 * provider's own).
		 * @param name the parameter name as the model expects it, e.g.
		 * {@code max_new_tokens}
		 * @param value a JSON-serialisable value (number, string, boolean, list, map)
		 * @return this builder
		 */
		public Builder param(String name, Object value) {
			Assert.hasText(name, "param name must not be blank");
			Assert.notNull(value, () -> "param '" + name + "' must not be null");
			this.params.put(name, value);
			return this;
		}

		/**
		 * Several model parameters at once.
		 * @param params the parameters
		 * @return this builder
		 */
		public Builder params(Map<String, ?> params) {
			Assert.notNull(params, "params must not be null");
			params.forEach(this::param);
			return this;
		}

		/**
		 * The most tokens to generate ({@code max_new_tokens}).
		 * @param maxNewTokens a positive count
		 * @return this builder
		 */
		public Builder maxNewTokens(int maxNewTokens) {
			return param("max_new_tokens", positive(maxNewTokens, "max_new_tokens"));
		}

		/**
		 * The fewest tokens to generate ({@code min_new_tokens}).
		 * @param minNewTokens a count, zero or more
		 * @return this builder
		 */
		public Builder minNewTokens(int minNewTokens) {
			Assert.isTrue(minNewTokens >= 0, () -> "min_new_tokens must not be negative, was " + minNewTokens);
			return param("min_new_tokens", minNewTokens);
		}

		/**
		 * Sampling temperature ({@code temperature}); higher is more random.
		 * @param temperature zero or more
		 * @return this builder
		 */
		public Builder temperature(double temperature) {
			Assert.isTrue(temperature >= 0, () -> "temperature must be zero or more, was " + temperature);
			return param("temperature", temperature);
		}

		/**
		 * Nucleus sampling ({@code top_p}).
		 * @param topP in (0, 1]
		 * @return this builder
		 */
		public Builder topP(double topP) {
			Assert.isTrue(topP > 0 && topP <= 1, () -> "top_p must be in (0, 1], was " + topP);
			return param("top_p", topP);
		}

		/**
		 * Top-k sampling ({@code top_k}).
		 * @param topK a positive count
		 * @return this builder
		 */
		public Builder topK(int topK) {
			return param("top_k", positive(topK, "top_k"));
		}

		/**
		 * Whether to sample rather than decode greedily ({@code do_sample}).
		 * @param doSample whether to sample
		 * @return this builder
		 */
		public Builder doSample(boolean doSample) {
			return param("do_sample", doSample);
		}

		/**
		 * Beam search width ({@code num_beams}).
		 * @param numBeams a positive count
		 * @return this builder
		 */
		public Builder numBeams(int numBeams) {
			return param("num_beams", positive(numBeams, "num_beams"));
		}

		/**
		 * Penalty for repeated tokens ({@code repetition_penalty}); 1.0 means none.
		 * @param repetitionPenalty a positive factor
		 * @return this builder
		 */
		public Builder repetitionPenalty(double repetitionPenalty) {
			Assert.isTrue(repetitionPenalty > 0, () -> "repetition_penalty must be positive, was " + repetitionPenalty);
			return param("repetition_penalty", repetitionPenalty);
		}

		/**
		 * The caller's own key for a closed-source provider (OpenAI, Anthropic, ...), for
		 * this call only; sent as a header, so a key holding CR, LF or any other control
		 * character is rejected here, before any call is made.
		 * @param providerKey the key, not blank, without control characters; surrounding
		 * spaces are removed
		 * @return this builder
		 * @throws IllegalArgumentException for a blank key or one with a control
		 * character (the message never shows the key)
		 */
		public Builder providerKey(String providerKey) {
			Assert.hasText(providerKey, "providerKey must not be blank");
			Assert.isTrue(providerKey.chars().noneMatch(Character::isISOControl),
					"providerKey must not contain CR, LF or other control characters");
			this.providerKey = providerKey.trim();
			return this;
		}

		/**
		 * The Bytez API key for this call only, used instead of the client's (e.g. a
		 * tenant's own key in a multi-tenant application); sent as the
		 * {@code Authorization} header as given, so a key holding CR, LF or any other
		 * control character is rejected here. It is masked in every error message like
		 * the client's key, and never shown by {@link #toString()}.
		 * @param apiKey the key, not blank, without control characters; surrounding
		 * spaces are removed
		 * @return this builder
		 * @throws IllegalArgumentException for a blank key or one with a control
		 * character (the message never shows the key)
		 */
		public Builder apiKey(String apiKey) {
			Assert.hasText(apiKey, "apiKey must not be blank");
			Assert.isTrue(apiKey.chars().noneMatch(Character::isISOControl),
					"apiKey must not contain CR, LF or other control characters");
			this.apiKey = apiKey.trim();
			return this;
		}

		/**
		 * Set any top-level field of the run body, for what the typed inputs and options
		 * cannot express: e.g. the generic {@code input} field Bytez's v3 SDKs send,
		 * {@code autoScale}, or a field Bytez adds later. The value is written as JSON (a
		 * string, number, boolean, map, list or record). The names the typed API owns are
		 * refused, so that their validation stays intact: the input fields ({@code text},
		 * {@code messages}, {@code url}, {@code base64}, {@code question},
		 * {@code context}, {@code candidate_labels}: use {@code BytezInput}),
		 * {@code params} (use {@link #param}) and {@code stream} and {@code json} (chosen
		 * by {@code run}, {@code stream} and {@code streamMedia}).
		 * @param name the field's name
		 * @param value its value, not {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException for a blank or owned name, or a {@code null}
		 * value
		 */
		public Builder field(String name, Object value) {
			Assert.hasText(name, "name must not be blank");
			Assert.isTrue(!OWNED_FIELDS.contains(name), () -> "name must not be '" + name
					+ "': that field is set by BytezInput, param(..) or the call's method (run, stream, streamMedia)");
			Assert.notNull(value, () -> "value of field '" + name + "' must not be null");
			this.fields.put(name, value);
			return this;
		}

		/**
		 * Build the options.
		 * @return immutable options
		 */
		public BytezOptions build() {
			return new BytezOptions(Collections.unmodifiableMap(new LinkedHashMap<>(this.params)), this.providerKey,
					this.maxRetries, this.timeout, this.apiKey,
					Collections.unmodifiableMap(new LinkedHashMap<>(this.fields)), this.autoScale, this.fallbackModels);
		}

		private static int positive(int value, String name) {
			Assert.isTrue(value > 0, () -> name + " must be positive, was " + value);
			return value;
		}

	}

}
