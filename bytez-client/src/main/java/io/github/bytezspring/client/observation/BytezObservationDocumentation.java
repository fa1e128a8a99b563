package io.github.bytezspring.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations and meters the Bytez client records, with their names and keys.
 */
public enum BytezObservationDocumentation implements ObservationDocumentation {

	/**
	 * One logical call to Bytez, spanning every retry and, for streams, the whole stream.
	 */
	CLIENT_REQUESTS {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultBytezObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** The observation's name, and so the timer's: {@value}. */
	public static final String REQUESTS = "bytez.client.requests";

	/**
	 * Counter of retries, tagged with operation, model and {@code reason}
	 * ({@code rate_limited}, {@code server_error} or {@code transport}, from the same
	 * classification as the outcome): {@value}.
	 */
	public static final String RETRIES = "bytez.client.retries";

	/**
	 * Counter of calls handed from a model that could not answer to the next model of its
	 * fallback chain, tagged with the operation, the model that could not answer
	 * ({@code bytez.model}), the model that took over ({@value #FALLBACK_MODEL_TAG}) and
	 * {@code reason} ({@code rate_limited}, {@code payment_required},
	 * {@code server_error} or {@code timeout}): {@value}.
	 */
	public static final String FALLBACKS = "bytez.client.fallbacks";

	/**
	 * The tag of the {@value #FALLBACKS} counter naming the model that took a call over;
	 * capped like {@code bytez.model}: {@value}.
	 */
	public static final String FALLBACK_MODEL_TAG = "bytez.fallback.model";

	/** Timer from subscription to the first chunk of a stream: {@value}. */
	public static final String STREAM_FIRST_CHUNK = "bytez.client.stream.first-chunk";

	/**
	 * Timer per attempt of every call (JSON answers, streams, lists) from sending the
	 * request to the arrival of the response headers, tagged with operation and model; a
	 * cold model shows here as minutes: {@value}.
	 */
	public static final String FIRST_BYTE = "bytez.client.first-byte";

	/**
	 * Gauge of the estimated spend of the current budget period in US dollars: {@value}.
	 */
	public static final String BUDGET_SPENT = "bytez.client.budget.spent";

	/**
	 * Gauge of what is left of the current budget period's maximum cost in US dollars:
	 * {@value}.
	 */
	public static final String BUDGET_REMAINING = "bytez.client.budget.remaining";

	/** Distribution of the chunks per completed stream: {@value}. */
	public static final String STREAM_CHUNKS = "bytez.client.stream.chunks";

	/** Distribution of the bytes per completed stream: {@value}. */
	public static final String STREAM_BYTES = "bytez.client.stream.bytes";

	/**
	 * Timer of how long models ran, from the {@code inference-time} header, tagged with
	 * the model and {@code bytez.meter}: {@value}.
	 */
	public static final String INFERENCE = "bytez.client.inference";

	/** Gauge of the latest {@code ratelimit-limit} Bytez reported: {@value}. */
	public static final String RATELIMIT_LIMIT = "bytez.client.ratelimit.limit";

	/** Gauge of the latest {@code ratelimit-remaining} Bytez reported: {@value}. */
	public static final String RATELIMIT_REMAINING = "bytez.client.ratelimit.remaining";

	/**
	 * Counter of the estimated cost in US dollars ({@code inference-time} times the
	 * model's {@code meterPrice}), tagged with the model and {@code bytez.meter}:
	 * {@value}.
	 */
	public static final String COST = "bytez.client.cost";

	/**
	 * Counter of model tokens where a response reports them, tagged
	 * {@code gen_ai.token.type}: {@value}.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * Low-cardinality keys: safe as metric tags.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The operation: run, stream, list-models, list-tasks, ... */
		OPERATION {
			@Override
			public String asString() {
				return "bytez.operation";
			}
		},

		/**
		 * The model id, {@code none} for calls without one or when switched off; a
		 * convention's {@link BytezObservationConvention#getModelKeyValue} renames or
		 * retags it on the observation and on every meter.
		 */
		MODEL {
			@Override
			public String asString() {
				return "bytez.model";
			}
		},

		/** How the call ended, a {@link BytezOutcome}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The last HTTP status, or {@code NONE}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** The simple name of the exception the call ended with, or {@code none}. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		}

	}

	/**
	 * High-cardinality keys: on spans, not on metrics.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/**
		 * On the call of a model that took a call over from the model it named (a
		 * fallback model): the model the call named. The call's own {@code bytez.model}
		 * is the model it went to, the one that answered when it succeeded; a span key
		 * only, as the pair would multiply the timer's series.
		 */
		REQUESTED_MODEL {
			@Override
			public String asString() {
				return "bytez.requested.model";
			}
		},

		/** How many HTTP exchanges the call made. */
		ATTEMPTS {
			@Override
			public String asString() {
				return "bytez.attempts";
			}
		},

		/**
		 * The account's limit the last answer reported ({@code ratelimit-limit}), when it
		 * did.
		 */
		RATELIMIT_LIMIT {
			@Override
			public String asString() {
				return "bytez.ratelimit.limit";
			}
		},

		/**
		 * What was left of the limit at the last answer ({@code ratelimit-remaining}),
		 * when reported.
		 */
		RATELIMIT_REMAINING {
			@Override
			public String asString() {
				return "bytez.ratelimit.remaining";
			}
		},

		/** Seconds until the limit resets ({@code ratelimit-reset}), when reported. */
		RATELIMIT_RESET {
			@Override
			public String asString() {
				return "bytez.ratelimit.reset";
			}
		},

		/** Seconds the model ran ({@code inference-time}), when reported. */
		INFERENCE_TIME {
			@Override
			public String asString() {
				return "bytez.inference.time";
			}
		},

		/** The meter the call was billed on ({@code inference-meter}), when reported. */
		INFERENCE_METER {
			@Override
			public String asString() {
				return "bytez.inference.meter";
			}
		}

	}

}
