package io.github.bytezspring.client;

/**
 * A snapshot of a template's state, as the actuator endpoint shows it: the concurrency
 * limit in force and where it came from, calls in flight and waiting, the latest
 * rate-limit headers, retries and the estimated cost so far. It never holds a key.
 *
 * @param limit the most exchanges in flight at once, 0 for no limit
 * @param limitSource where the limit came from: {@code none},
 * {@code max-concurrent-requests}, {@code adaptive (initial)} before Bytez reported one,
 * or {@code adaptive (ratelimit-limit)}
 * @param limitCeiling the most an adaptive limit allows, or the fixed limit, 0 for none
 * @param inFlight the calls running now with their permit (each call once, whatever its
 * retries); the calls still waiting for a permit are not among them
 * @param waiting the calls waiting for a permit: of the limiter, or of the shared
 * budget's store
 * @param reportedLimit the latest {@code ratelimit-limit}, -1 before one arrived
 * @param reportedRemaining the latest {@code ratelimit-remaining}, -1 before one arrived
 * @param retries the retries scheduled so far
 * @param estimatedCost the estimated cost so far in US dollars (see the
 * {@code bytez.client.cost} meter; 0 without a meter registry)
 * @param permitsHeld the permits of the shared budget this template holds now, -1 when
 * the limit is not shared through a
 * {@link io.github.bytezspring.client.concurrency.PermitStore}
 */
public record BytezClientStatus(int limit, String limitSource, int limitCeiling, int inFlight, int waiting,
		long reportedLimit, long reportedRemaining, long retries, double estimatedCost, int permitsHeld) {
}
