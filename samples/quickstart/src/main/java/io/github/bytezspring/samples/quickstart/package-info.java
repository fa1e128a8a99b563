/**
 * A console application that shows the Bytez starter at work: it lists tasks, chats,
 * streams text and classifies an image.
 */
@NullMarked
package io.github.bytezspring.samples.quickstart;

import org.jspecify.annotations.NullMarked;
