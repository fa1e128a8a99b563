/**
 * Where the permits for calls in flight come from when one concurrency budget is shared
 * by many instances: {@link io.github.bytezspring.client.concurrency.PermitStore} and its
 * Redis implementation (Redisson, an optional dependency).
 */
@NullMarked
package io.github.bytezspring.client.concurrency;

import org.jspecify.annotations.NullMarked;
