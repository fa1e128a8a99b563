/**
 * The Bytez client's façade: {@link io.github.bytezspring.client.BytezOperations}, the
 * interface applications program against, and
 * {@link io.github.bytezspring.client.BytezTemplate}, its implementation.
 */
@NullMarked
package io.github.bytezspring.client;

import org.jspecify.annotations.NullMarked;
