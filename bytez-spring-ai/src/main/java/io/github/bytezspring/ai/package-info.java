/**
 * Bytez as a Spring AI provider: chat, embedding, image, transcription and speech models
 * on {@code BytezTemplate}.
 */
@NullMarked
package io.github.bytezspring.ai;

import org.jspecify.annotations.NullMarked;
