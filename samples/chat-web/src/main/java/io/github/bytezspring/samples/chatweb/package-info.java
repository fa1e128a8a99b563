/**
 * A WebFlux chat application that streams a Bytez model's answer to the browser.
 */
@NullMarked
package io.github.bytezspring.samples.chatweb;

import org.jspecify.annotations.NullMarked;
