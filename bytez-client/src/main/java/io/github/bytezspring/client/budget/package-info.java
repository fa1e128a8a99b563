/**
 * Where the estimated spend of a budget period is added up:
 * {@link io.github.bytezspring.client.budget.SpendStore} and its Redis implementation
 * (Redisson, an optional dependency), shared by every instance that uses it.
 */
@NullMarked
package io.github.bytezspring.client.budget;

import org.jspecify.annotations.NullMarked;
