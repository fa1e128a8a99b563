/**
 * The exceptions a call fails with, one type per kind of failure, all unchecked and free
 * of keys.
 */
@NullMarked
package io.github.bytezspring.client.error;

import org.jspecify.annotations.NullMarked;
