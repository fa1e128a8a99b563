package io.github.bytezspring.client;

/**
 * A snapshot of a template's state, as the actuator endpoint shows it: the concurrency limit in force
 * and where it came from, calls in flight and waiting, the latest rate-limit headers, retries and the
 * estimated cost so far. It never holds a key.
 *
 * @param limit the most exchanges in flight at once, 0 for no limit
 * @param limitSource where the limit came from: {@code none}, {@code max-concurrent-requests},
 * {@code adaptive (initial)} before Bytez reported one, or {@code adaptive (ratelimit-limit)}
 * @param limitCeiling the most an adaptive limit allows, or the fixed limit, 0 for none
 * @param inFlight the calls running now (each call once, whatever its retries)
 * @param waiting the calls waiting for a permit of the limiter
 * @param reportedLimit the latest {@code ratelimit-limit}, -1 before one arrived
 * @param reportedRemaining the latest {@code ratelimit-remaining}, -1 before one arrived
 * @param retries the retries scheduled so far
 * @param estimatedCost the estimated cost so far in US dollars (see the {@code bytez.client.cost} meter;
 * 0 without a meter registry)
 */
public record BytezClientStatus(int limit, String limitSource, int limitCeiling, int inFlight, int waiting,
		long reportedLimit, long reportedRemaining, long retries, double estimatedCost) {
}
