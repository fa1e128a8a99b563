/**
 * Typed outputs of the Bytez tasks, one record per output shape; read them with
 * {@code BytezResponse.outputAs(BytezOutput)}.
 */
package io.github.bytezspring.client.output;
