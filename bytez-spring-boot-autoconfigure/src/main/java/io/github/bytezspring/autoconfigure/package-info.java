/**
 * Spring Boot auto-configuration of the Bytez client from {@code bytez.*} properties.
 */
@NullMarked
package io.github.bytezspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
