package io.github.bytezspring.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8ChunkDecoderTests {

	private static final String TEXT = "Grüße €5 — 東京\n🙂 done\r\n";

	private final DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	@Test
	void everySplitPointOfTwoChunksDecodesToTheSameText() {
		byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
		for (int split = 0; split <= bytes.length; split++) {
			Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
			String decoded = decoder.decode(chunk(bytes, 0, split)) + decoder.decode(chunk(bytes, split, bytes.length))
					+ decoder.finish();
			assertThat(decoded).as("split at byte %d", split).isEqualTo(TEXT);
		}
	}

	@Test
	void oneByteChunksNeverEmitHalfACharacter() {
		byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
		Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
		List<String> pieces = new ArrayList<>();
		for (int i = 0; i < bytes.length; i++) {
			pieces.add(decoder.decode(chunk(bytes, i, i + 1)));
		}
		pieces.add(decoder.finish());
		assertThat(String.join("", pieces)).isEqualTo(TEXT);
		assertThat(pieces).noneMatch((piece) -> piece.contains("\uFFFD"));
		// the first byte of the 4-byte emoji yields nothing until the character completes
		int emojiStart = new String(TEXT.substring(0, TEXT.indexOf("🙂"))).getBytes(StandardCharsets.UTF_8).length;
		assertThat(pieces.subList(emojiStart, emojiStart + 3)).containsOnly("");
		assertThat(pieces.get(emojiStart + 3)).isEqualTo("🙂");
	}

	@Test
	void aCharacterCutOffAtTheEndBecomesAReplacementCharacter() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		Utf8ChunkDecoder decoder = new Utf8ChunkDecoder();
		assertThat(decoder.decode(chunk(euro, 0, 2))).isEmpty();
		assertThat(decoder.finish()).isEqualTo("\uFFFD");
	}

	private DataBuffer chunk(byte[] bytes, int from, int to) {
		byte[] part = new byte[to - from];
		System.arraycopy(bytes, from, part, 0, part.length);
		return this.buffers.wrap(part);
	}

}
