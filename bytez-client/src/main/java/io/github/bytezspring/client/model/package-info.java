/**
 * What goes into and comes out of a call: inputs, per-call options, responses, tasks and
 * their output shapes.
 */
@NullMarked
package io.github.bytezspring.client.model;

import org.jspecify.annotations.NullMarked;
