package io.github.bytezspring.test;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;

/**
 * Scripts how {@link BytezStubServer} misbehaves, for one model or for every call, for
 * the next calls or until the stub is reset; obtained from
 * {@link BytezStubServer#script(String)}.
 * <p>
 * For example
 * {@code stub.script("org/model").nextCalls(2).rateLimited(Duration.ofSeconds(1))}
 * answers the next two calls to {@code org/model} with 429 and {@code Retry-After: 1},
 * after which the model answers normally again. Scripts run in the order they were added,
 * so {@code stub.script(m).nextCalls(1).serverError(503)} followed by
 * {@code stub.script(m).nextCalls(1).connectionReset()} fails the next call with 503 and
 * the one after with a reset connection. A script wins over the canned answers and over
 * WireMock stubs of your own; only a request without an {@code Authorization} header is
 * answered 401 first.
 */
public final class StubScript {

	private final BytezStubServer stub;

	private final StubScripts scripts;

	private final @Nullable String modelId;

	private final int calls;

	StubScript(BytezStubServer stub, StubScripts scripts, @Nullable String modelId, int calls) {
		this.stub = stub;
		this.scripts = scripts;
		this.modelId = modelId;
		this.calls = calls;
	}

	/**
	 * Apply the behaviour to the next calls only, then answer normally again; without it
	 * a behaviour lasts until {@link BytezStubServer#reset()}.
	 * @param count the number of calls, at least 1
	 * @return a script for that many calls
	 */
	public StubScript nextCalls(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		return new StubScript(this.stub, this.scripts, this.modelId, count);
	}

	/**
	 * Apply the behaviour to the next call only.
	 * @return a script for one call
	 */
	public StubScript nextCall() {
		return nextCalls(1);
	}

	/**
	 * Answer 429 {@code {"error":"Rate limit exceeded","output":null}} without a
	 * {@code Retry-After} header, as Bytez's spec describes it.
	 * @return the stub
	 */
	public BytezStubServer rateLimited() {
		return add(StubBehaviour.rateLimited(null));
	}

	/**
	 * Answer 429 with a {@code Retry-After} header in whole seconds (rounded up), plus
	 * {@code retry-after-ms} when the wait is not whole seconds.
	 * @param retryAfter how long the client is asked to wait
	 * @return the stub
	 */
	public BytezStubServer rateLimited(Duration retryAfter) {
		if (retryAfter == null || retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must be zero or more, not " + retryAfter);
		}
		return add(StubBehaviour.rateLimited(retryAfter));
	}

	/**
	 * Answer a 5xx status with a Bytez JSON envelope whose {@code error} names the
	 * status.
	 * @param status 500 to 599
	 * @return the stub
	 */
	public BytezStubServer serverError(int status) {
		if (status < 500 || status > 599) {
			throw new IllegalArgumentException("status must be 500 to 599, not " + status);
		}
		return add(StubBehaviour.jsonError(status, "Server error " + status));
	}

	/**
	 * Answer an error status with an HTML page, as a gateway in front of Bytez does.
	 * @param status 400 to 599
	 * @return the stub
	 */
	public BytezStubServer htmlError(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be 400 to 599, not " + status);
		}
		return add(StubBehaviour.htmlError(status));
	}

	/**
	 * Answer a status with a Bytez JSON envelope carrying an {@code error}; with 200 this
	 * is the "failure despite success status" case.
	 * @param status the HTTP status
	 * @param message the {@code error} message
	 * @return the stub
	 */
	public BytezStubServer error(int status, String message) {
		if (message == null) {
			throw new IllegalArgumentException("message must not be null");
		}
		return add(StubBehaviour.jsonError(status, message));
	}

	/**
	 * Answer normally, but only after a delay before the response headers, as a cold
	 * model does.
	 * @param delay the delay, zero or more (millisecond precision)
	 * @return the stub
	 */
	public BytezStubServer delay(Duration delay) {
		if (delay == null || delay.isNegative()) {
			throw new IllegalArgumentException("delay must be zero or more, not " + delay);
		}
		return add(StubBehaviour.delay(delay));
	}

	/**
	 * Reset the connection (TCP RST) without answering.
	 * @return the stub
	 */
	public BytezStubServer connectionReset() {
		return add(StubBehaviour.fault(Fault.CONNECTION_RESET_BY_PEER));
	}

	/**
	 * Close the connection without answering.
	 * @return the stub
	 */
	public BytezStubServer emptyResponse() {
		return add(StubBehaviour.fault(Fault.EMPTY_RESPONSE));
	}

	/**
	 * Send bytes that are not HTTP, then close the connection.
	 * @return the stub
	 */
	public BytezStubServer randomDataThenClose() {
		return add(StubBehaviour.fault(Fault.RANDOM_DATA_THEN_CLOSE));
	}

	/**
	 * Start the normal answer (status, headers and the first half of the body, at the
	 * stream's pace), then close the connection: a stream that breaks off after some
	 * text.
	 * @return the stub
	 */
	public BytezStubServer cutMidStream() {
		return add(StubBehaviour.cutMidStream());
	}

	/**
	 * Answer with any WireMock response, e.g.
	 * {@code WireMock.aResponse().withStatus(418)}.
	 * @param response the response
	 * @return the stub
	 */
	public BytezStubServer respond(ResponseDefinitionBuilder response) {
		if (response == null) {
			throw new IllegalArgumentException("response must not be null");
		}
		return add(StubBehaviour.respond(response));
	}

	private BytezStubServer add(StubBehaviour behaviour) {
		this.scripts.add(this.modelId, this.calls, behaviour);
		return this.stub;
	}

	@Override
	public String toString() {
		return "StubScript{model=" + ((this.modelId != null) ? this.modelId : "any") + ", calls="
				+ ((this.calls == StubScripts.EVERY_CALL) ? "every" : this.calls) + "}";
	}

}
