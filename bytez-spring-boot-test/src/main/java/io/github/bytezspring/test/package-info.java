/**
 * Test support for applications that use Bytez: a WireMock stub of the Bytez API and {@code
 * @AutoConfigureBytezStub}.
 */
@NullMarked
package io.github.bytezspring.test;

import org.jspecify.annotations.NullMarked;
