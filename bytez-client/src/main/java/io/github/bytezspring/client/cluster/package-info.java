/**
 * Management of the dedicated clusters that serve open models.
 */
@NullMarked
package io.github.bytezspring.client.cluster;

import org.jspecify.annotations.NullMarked;
