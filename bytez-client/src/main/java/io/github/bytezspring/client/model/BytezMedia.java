package io.github.bytezspring.client.model;

import java.nio.file.Path;

import org.springframework.http.MediaType;

/**
 * A media file a model generated, written to disk: its content type as Bytez sent it,
 * where it is, and how large.
 *
 * @param contentType the media type, e.g. {@code image/png};
 * {@code application/octet-stream} when Bytez sent none
 * @param file the file it was written to
 * @param size its size in bytes
 */
public record BytezMedia(MediaType contentType, Path file, long size) {
}
