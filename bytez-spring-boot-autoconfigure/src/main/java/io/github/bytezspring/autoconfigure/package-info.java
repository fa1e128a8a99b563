/**
 * Spring Boot auto-configuration of the Bytez client: {@code bytez.*} properties and
 * their validation, {@link io.github.bytezspring.autoconfigure.BytezConnectionDetails},
 * the client's own connection pool, and startup failure analysis.
 */
@NullMarked
package io.github.bytezspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
