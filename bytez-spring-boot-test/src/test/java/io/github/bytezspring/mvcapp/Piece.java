package io.github.bytezspring.mvcapp;

/**
 * One piece of a streamed answer, written as JSON {@code {"text": " bc"}} so that an SSE
 * client keeps its leading spaces and newlines.
 *
 * @param text the piece
 */
record Piece(String text) {
}
