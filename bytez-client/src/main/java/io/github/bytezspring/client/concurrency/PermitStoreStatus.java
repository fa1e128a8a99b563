package io.github.bytezspring.client.concurrency;

/**
 * A snapshot of a shared budget as its store reports it, for health checks and the
 * actuator endpoint.
 *
 * @param name the budget's name in the store (e.g. the Redis keys' prefix), never a
 * credential
 * @param total the permits of the whole budget
 * @param available the permits no instance holds now
 * @param queued the calls of every instance waiting for a permit
 */
public record PermitStoreStatus(String name, int total, int available, int queued) {
}
