package io.github.bytezspring.mvcapp;

/**
 * A model's answer, written as JSON {@code {"text": "..."}}.
 *
 * @param text the answer
 */
record Answer(String text) {
}
