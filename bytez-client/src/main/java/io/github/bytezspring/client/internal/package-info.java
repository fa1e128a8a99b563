/**
 * The client's implementation (call pipeline, request building, error mapping, limiter,
 * decoders); public only where another package or module of this project needs it, and
 * not API.
 */
@NullMarked
package io.github.bytezspring.client.internal;

import org.jspecify.annotations.NullMarked;
