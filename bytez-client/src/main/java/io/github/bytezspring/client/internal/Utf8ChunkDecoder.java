package io.github.bytezspring.client.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Turns the chunks of one text stream into strings, carrying a UTF-8 character that a
 * chunk boundary splits over to the next chunk; one instance serves one stream and is not
 * thread-safe.
 */
final class Utf8ChunkDecoder {

	private static final byte[] NO_BYTES = new byte[0];

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPLACE)
		.onUnmappableCharacter(CodingErrorAction.REPLACE);

	private byte[] pending = NO_BYTES;

	/**
	 * Decode one chunk; the bytes of an incomplete character at its end are kept for the
	 * next call.
	 * @param chunk the chunk; read, not released
	 * @return the text of the complete characters, possibly empty
	 */
	String decode(DataBuffer chunk) {
		int length = chunk.readableByteCount();
		byte[] bytes = new byte[this.pending.length + length];
		System.arraycopy(this.pending, 0, bytes, 0, this.pending.length);
		chunk.read(bytes, this.pending.length, length);
		return decode(ByteBuffer.wrap(bytes), false);
	}

	/**
	 * End the stream; bytes of a character that never completed become U+FFFD.
	 * @return the remaining text, usually empty
	 */
	String finish() {
		return decode(ByteBuffer.wrap(this.pending), true);
	}

	private String decode(ByteBuffer in, boolean endOfInput) {
		CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
		this.decoder.decode(in, out, endOfInput);
		if (endOfInput) {
			this.decoder.flush(out);
		}
		this.pending = new byte[in.remaining()];
		in.get(this.pending);
		return out.flip().toString();
	}

}
