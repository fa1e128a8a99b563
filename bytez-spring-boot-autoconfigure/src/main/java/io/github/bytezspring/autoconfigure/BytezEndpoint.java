package io.github.bytezspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bytezspring.client.BytezClientStatus;
import io.github.bytezspring.client.BytezTemplate;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code bytez} actuator endpoint ({@code /actuator/bytez} when exposed): the concurrency limit in
 * force and where it came from, calls in flight and waiting, the latest rate-limit headers, retries and
 * the estimated cost so far. It never shows a key.
 */
@Endpoint(id = "bytez")
public class BytezEndpoint {

	private final Supplier<BytezClientStatus> status;

	/**
	 * Create the endpoint of a template.
	 * @param template the template
	 */
	public BytezEndpoint(BytezTemplate template) {
		this(template::status);
	}

	/**
	 * Create an endpoint that reads the status when asked.
	 * @param status the status of the template, {@code null} when the application's
	 * {@code BytezOperations} is not a {@code BytezTemplate}
	 */
	public BytezEndpoint(Supplier<BytezClientStatus> status) {
		this.status = status;
	}

	/**
	 * The template's state now.
	 * @return the state, as JSON-ready maps
	 */
	@ReadOperation
	public Map<String, Object> status() {
		BytezClientStatus status = this.status.get();
		if (status == null) {
			return Map.of("template", "the application's BytezOperations is not a BytezTemplate: nothing to report");
		}
		Map<String, Object> limit = new LinkedHashMap<>();
		limit.put("value", status.limit());
		limit.put("source", status.limitSource());
		limit.put("ceiling", status.limitCeiling());
		Map<String, Object> calls = new LinkedHashMap<>();
		calls.put("inFlight", status.inFlight());
		calls.put("waiting", status.waiting());
		Map<String, Object> rateLimit = new LinkedHashMap<>();
		rateLimit.put("limit", (status.reportedLimit() >= 0) ? status.reportedLimit() : null);
		rateLimit.put("remaining", (status.reportedRemaining() >= 0) ? status.reportedRemaining() : null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("concurrencyLimit", limit);
		body.put("calls", calls);
		body.put("rateLimit", rateLimit);
		body.put("retries", status.retries());
		body.put("estimatedCostUsd", status.estimatedCost());
		return body;
	}

}
