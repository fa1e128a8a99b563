package io.github.bytezspring.client.observation;

import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.client.model.BytezOperation;

import org.jspecify.annotations.Nullable;

/**
 * Told about every answered attempt of every call, streams and OpenAI-compatible calls
 * included, with the rate-limit and metering headers of the answer, e.g. to keep a
 * history of costs.
 */
@FunctionalInterface
public interface BytezCallListener {

	/**
	 * The Reactor context key under which a subscriber may put a listener of its own
	 * calls: it is told about the answers of the calls subscribed with it in their
	 * context, beside the template's listener, e.g.
	 * {@code bytez.stream(..).contextWrite(Context.of(BytezCallListener.CONTEXT_KEY, listener))}
	 * to read a stream's rate-limit headers.
	 */
	String CONTEXT_KEY = BytezCallListener.class.getName();

	/**
	 * An attempt's answer arrived (its status and headers; a stream's body may still be
	 * coming).
	 * @param event the call and the answer's metadata
	 */
	void onAnswer(Event event);

	/**
	 * One answered attempt.
	 *
	 * @param operation the call's operation
	 * @param modelId the model, or {@code null} for calls without one
	 * @param attempt the attempt, from 1
	 * @param status the answer's HTTP status
	 * @param metadata what the answer's headers said
	 */
	record Event(BytezOperation operation, @Nullable String modelId, int attempt, int status,
			BytezCallMetadata metadata) {
	}

}
