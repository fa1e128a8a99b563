/**
 * Typed outputs of the Bytez tasks, one record per output shape; read them with
 * {@code BytezResponse.outputAs(BytezOutput)}.
 */
package io.github.bytezspring.client.model.output;

import io.github.bytezspring.client.model.BytezOutput;
import io.github.bytezspring.client.model.BytezResponse;
