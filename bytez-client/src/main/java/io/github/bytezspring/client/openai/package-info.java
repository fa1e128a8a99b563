/**
 * Bytez's OpenAI-compatible endpoints and their request and response types.
 */
@NullMarked
package io.github.bytezspring.client.openai;

import org.jspecify.annotations.NullMarked;
