/**
 * Typed outputs of the Bytez tasks, one record per output shape; read them with
 * {@code BytezResponse.outputAs(BytezOutput)}.
 */
@NullMarked
package io.github.bytezspring.client.model.output;

import org.jspecify.annotations.NullMarked;
