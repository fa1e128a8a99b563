/**
 * Test support for Bytez applications:
 * {@link io.github.bytezspring.test.BytezStubServer}, a Bytez-compatible stub that needs
 * no network, {@link io.github.bytezspring.test.AutoConfigureBytezStub} for Spring tests,
 * a JUnit extension, and {@link io.github.bytezspring.test.EmbeddedBytezStub} for
 * applications that run without an API key.
 */
@NullMarked
package io.github.bytezspring.test;

import org.jspecify.annotations.NullMarked;
