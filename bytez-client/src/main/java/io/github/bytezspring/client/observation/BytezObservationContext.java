package io.github.bytezspring.client.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezOperation;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code bytez.client.requests} observation of one logical call knows: the
 * operation and model, and, as the call proceeds, the attempts made, the last HTTP
 * status, the rate-limit and metering headers of the last answer and how it ended.
 */
public class BytezObservationContext extends Observation.Context {

	private final BytezOperation operation;

	private final @Nullable String modelId;

	private final boolean includeModel;

	private volatile int attempts;

	private volatile @Nullable Integer status;

	private volatile @Nullable BytezOutcome outcome;

	private volatile BytezCallMetadata metadata = BytezCallMetadata.empty();

	private volatile @Nullable String requestedModelId;

	/**
	 * Create the context of one call.
	 * @param operation the operation
	 * @param modelId the model, or {@code null} for calls without one
	 * @param includeModel whether the model id may be a key value
	 * ({@code bytez.observations.include-model})
	 */
	public BytezObservationContext(BytezOperation operation, @Nullable String modelId, boolean includeModel) {
		this.operation = operation;
		this.modelId = modelId;
		this.includeModel = includeModel;
	}

	/**
	 * The operation observed.
	 * @return the operation
	 */
	public BytezOperation getOperation() {
		return this.operation;
	}

	/**
	 * The model the call is for.
	 * @return the model id, or {@code null} for calls without one
	 */
	public @Nullable String getModelId() {
		return this.modelId;
	}

	/**
	 * The model the caller named, when this call went to one of its fallback models
	 * instead.
	 * @return the model id, or {@code null} when this call is for the model the caller
	 * named
	 */
	public @Nullable String getRequestedModelId() {
		return this.requestedModelId;
	}

	/**
	 * Record that this call went to a fallback model of the model the caller named.
	 * @param requestedModelId the model the caller named
	 */
	public void setRequestedModelId(String requestedModelId) {
		this.requestedModelId = requestedModelId;
	}

	/**
	 * Whether the model id may appear as a key value.
	 * @return {@code false} when {@code bytez.observations.include-model=false}
	 */
	public boolean isIncludeModel() {
		return this.includeModel;
	}

	/**
	 * How many HTTP exchanges the call has started so far.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Record that another exchange started.
	 */
	public void attemptStarted() {
		this.attempts++;
	}

	/**
	 * Record how many exchanges the call started, as its record counted them.
	 * @param attempts the attempts
	 */
	public void setAttempts(int attempts) {
		this.attempts = attempts;
	}

	/**
	 * The HTTP status of the last answer.
	 * @return the status, or {@code null} when no answer arrived
	 */
	public @Nullable Integer getStatus() {
		return this.status;
	}

	/**
	 * Record the HTTP status of an answer.
	 * @param status the status code
	 */
	public void setStatus(Integer status) {
		this.status = status;
	}

	/**
	 * How the call ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable BytezOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Record how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(BytezOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * The rate-limit and metering headers of the last answer.
	 * @return the metadata, empty before an answer arrived
	 */
	public BytezCallMetadata getMetadata() {
		return this.metadata;
	}

	/**
	 * Record the rate-limit and metering headers of an answer.
	 * @param metadata the metadata
	 */
	public void setMetadata(BytezCallMetadata metadata) {
		this.metadata = (metadata != null) ? metadata : BytezCallMetadata.empty();
	}

}
