/**
 * Auto-configuration of the Bytez Spring AI models from {@code spring.ai.bytez.*} and
 * {@code bytez.*}.
 */
@NullMarked
package io.github.bytezspring.ai.autoconfigure;

import org.jspecify.annotations.NullMarked;
