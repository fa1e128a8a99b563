/**
 * When a failed call is tried again: the retry policy, and a listener told about each
 * retry.
 */
@NullMarked
package io.github.bytezspring.client.retry;

import org.jspecify.annotations.NullMarked;
