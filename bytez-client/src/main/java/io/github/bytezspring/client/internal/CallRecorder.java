package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.observation.BytezObservationContext;
import io.github.bytezspring.client.observation.BytezObservationConvention;
import io.github.bytezspring.client.observation.BytezObservationDocumentation;
import io.github.bytezspring.client.observation.BytezOutcome;
import io.github.bytezspring.client.observation.DefaultBytezObservationConvention;
import io.github.bytezspring.client.retry.BytezRetryListener;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import reactor.util.context.ContextView;

/**
 * The one place a call is recorded, from its {@link CallRecord}: its observation starts
 * with the call and stops at its end; what an answered attempt says (rate-limit gauges,
 * adaptive limit, the call listeners, inference time and cost, which Bytez bills per
 * answer) is recorded as it arrives, retries as they are scheduled, and the rest
 * (timings, stream size, token usage, outcome) once at the end. Nothing recorded here can
 * fail a call.
 */
public final class CallRecorder {

	private static final Log logger = LogFactory.getLog(CallRecorder.class);

	/**
	 * The Reactor context key under which Micrometer and Spring's {@code WebClient} look
	 * for the current observation; equal to {@code ObservationThreadLocalAccessor.KEY} (a
	 * test checks it), written out so that the client needs no context-propagation
	 * classes to compile against.
	 */
	public static final String OBSERVATION_KEY = "micrometer.observation";

	private static final DefaultBytezObservationConvention DEFAULT_CONVENTION = new DefaultBytezObservationConvention();

	private final ObservationRegistry observationRegistry;

	private final @Nullable BytezObservationConvention convention;

	private final boolean includeModel;

	private final BytezCallListener callListener;

	private final @Nullable AdaptiveLimit adaptiveLimit;

	private final @Nullable CallMeters meters;

	private final RateLimitGauges rateLimits;

	private final AtomicInteger callsInFlight = new AtomicInteger();

	private final AtomicLong retriesSoFar = new AtomicLong();

	private final AtomicLong meteringFailures = new AtomicLong();

	/**
	 * A recorder; with no registries it records no observation and no meter, and still
	 * tells the listener and the adaptive limit.
	 * @param observationRegistry where calls are observed, or {@code null}
	 * @param convention the observation convention, or {@code null} for the default
	 * @param meterRegistry where the meters are, or {@code null}
	 * @param includeModel whether the model id may be a key value
	 * @param callListener told about every answered attempt
	 * @param adaptiveLimit follows the limit Bytez reports, or {@code null}
	 * @param prices the estimated cost of the cost meter
	 */
	public CallRecorder(@Nullable ObservationRegistry observationRegistry,
			@Nullable BytezObservationConvention convention, @Nullable MeterRegistry meterRegistry,
			boolean includeModel, BytezCallListener callListener, @Nullable AdaptiveLimit adaptiveLimit,
			PriceCatalogue prices) {
		this.observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
		this.convention = convention;
		this.includeModel = includeModel;
		this.callListener = callListener;
		this.adaptiveLimit = adaptiveLimit;
		this.meters = (meterRegistry != null)
				? new CallMeters(meterRegistry, (convention != null) ? convention : DEFAULT_CONVENTION, prices) : null;
		this.rateLimits = new RateLimitGauges(meterRegistry);
	}

	/**
	 * Start recording one logical call, observed as a child of the observation in the
	 * subscriber's context.
	 */
	CallRecord start(BytezRequest request, boolean streamed, ContextView contextView) {
		long startNanos = System.nanoTime();
		BytezObservationContext context = new BytezObservationContext(request.operation(), request.modelId(),
				this.includeModel);
		if (contextView.getOrDefault(FallbackChain.REQUESTED_MODEL_KEY, null) instanceof String requested) {
			context.setRequestedModelId(requested);
		}
		Observation observation = BytezObservationDocumentation.CLIENT_REQUESTS.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.observationRegistry);
		Object parent = contextView.getOrDefault(OBSERVATION_KEY, null);
		if (parent instanceof Observation parentObservation) {
			observation.parentObservation(parentObservation);
		}
		Object own = contextView.getOrDefault(BytezCallListener.CONTEXT_KEY, null);
		this.callsInFlight.incrementAndGet();
		return new CallRecord(request.operation(), request.modelId(), streamed, startNanos, context,
				observation.start(), (own instanceof BytezCallListener listener) ? listener : null);
	}

	/**
	 * An attempt's response headers arrived {@code nanos} after its request was sent (a
	 * cold model's start shows here).
	 */
	void firstByte(CallRecord call, long nanos) {
		CallMeters meters = this.meters;
		if (meters != null) {
			guarded("first byte", () -> meters.firstByte(call, nanos));
		}
	}

	/**
	 * An attempt's answer arrived: the gauges and the adaptive limit follow its headers,
	 * its inference time and cost are counted, and the listeners are told (a failing
	 * listener is logged, never the call's failure).
	 */
	void answered(CallRecord call, int status, BytezCallMetadata metadata) {
		call.answered(status, metadata);
		guarded("rate-limit and metering headers", () -> {
			this.rateLimits.answered(metadata);
			if (this.adaptiveLimit != null && metadata.limit().isPresent()) {
				this.adaptiveLimit.reported(metadata.limit().getAsInt());
			}
			if (this.meters != null) {
				this.meters.answered(call, metadata);
			}
		});
		BytezCallListener.Event event = new BytezCallListener.Event(call.operation(), call.modelId(), call.attempts(),
				status, metadata);
		try {
			this.callListener.onAnswer(event);
			BytezCallListener own = call.callListener();
			if (own != null) {
				own.onAnswer(event);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("A BytezCallListener failed; the call goes on", ex);
		}
	}

	/** A retry of the call was scheduled. */
	void retried(CallRecord call, BytezRetryListener.Event event) {
		this.retriesSoFar.incrementAndGet();
		CallMeters meters = this.meters;
		if (meters != null) {
			guarded("retry", () -> meters.retried(call, event));
		}
	}

	/**
	 * The call ended (the first of its ends counts): its meters are recorded and its
	 * observation stops with the outcome.
	 * @param call the call
	 * @param outcome how it ended
	 * @param error its failure, or {@code null}
	 */
	void ended(CallRecord call, BytezOutcome outcome, @Nullable Throwable error) {
		if (!call.end()) {
			return;
		}
		this.callsInFlight.decrementAndGet();
		CallMeters meters = this.meters;
		if (meters != null) {
			guarded("end", () -> meters.ended(call, outcome));
		}
		BytezObservationContext context = call.context();
		context.setAttempts(call.attempts());
		if (call.status() > 0) {
			context.setStatus(call.status());
		}
		context.setMetadata(call.metadata());
		context.setOutcome(outcome);
		Observation observation = call.observation();
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	/**
	 * Record something about a call such that nothing there can fail the call: a failure
	 * (an absurd value, a failing meter registry or convention) is counted, logged once
	 * at DEBUG and dropped.
	 */
	void guarded(String what, Runnable recording) {
		try {
			recording.run();
		}
		catch (RuntimeException ex) {
			if (this.meteringFailures.getAndIncrement() == 0 && logger.isDebugEnabled()) {
				// the class only: a message could quote what the server sent
				logger.debug("Recording the " + what + " of a Bytez call failed with " + ex.getClass().getName()
						+ "; the value is ignored and the call goes on (logged once)");
			}
		}
	}

	/**
	 * The calls running now, each counted once whatever its retries.
	 * @return the number
	 */
	public int callsInFlight() {
		return this.callsInFlight.get();
	}

	/**
	 * The retries scheduled so far.
	 * @return the number
	 */
	public long retriesSoFar() {
		return this.retriesSoFar.get();
	}

	/**
	 * The estimated cost of the calls so far, in US dollars.
	 * @return the sum the cost meter counted, 0 without a meter registry
	 */
	public double totalCost() {
		return (this.meters != null) ? this.meters.totalCost() : 0;
	}

	/**
	 * The latest {@code ratelimit-limit} Bytez reported.
	 * @return the limit, or -1 before one arrived
	 */
	public long latestLimit() {
		return this.rateLimits.latestLimit();
	}

	/**
	 * The latest {@code ratelimit-remaining} Bytez reported.
	 * @return the remaining, or -1 before one arrived
	 */
	public long latestRemaining() {
		return this.rateLimits.latestRemaining();
	}

	/**
	 * How many times recording something about a call failed and was ignored.
	 * @return the number
	 */
	public long meteringFailures() {
		return this.meteringFailures.get();
	}

	/**
	 * How a call that failed with {@code error} is observed; the same classification
	 * decides retries and tags the meters.
	 * @param error the failure
	 * @return the outcome
	 */
	public static BytezOutcome outcomeOf(Throwable error) {
		return FailureKind.of(error).outcome();
	}

}
