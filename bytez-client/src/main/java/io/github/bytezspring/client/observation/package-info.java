/**
 * Micrometer observations of the client's calls: their documentation, context and
 * conventions.
 */
@NullMarked
package io.github.bytezspring.client.observation;

import org.jspecify.annotations.NullMarked;
