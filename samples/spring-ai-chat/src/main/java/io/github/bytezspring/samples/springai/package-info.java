/**
 * A console application that uses Spring AI's {@code ChatClient} on Bytez: a system
 * prompt, chat memory, structured output and streaming.
 */
@NullMarked
package io.github.bytezspring.samples.springai;

import org.jspecify.annotations.NullMarked;
