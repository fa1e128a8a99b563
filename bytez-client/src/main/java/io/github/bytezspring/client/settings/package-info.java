/**
 * The description of each setting of the client (its builder option, its {@code bytez.*}
 * property, its default and its rule), written once and read by the builder, Spring
 * Boot's property validation, the failure analyzers and the configuration metadata tests.
 */
@NullMarked
package io.github.bytezspring.client.settings;

import org.jspecify.annotations.NullMarked;
