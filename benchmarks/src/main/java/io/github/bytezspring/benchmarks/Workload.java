package io.github.bytezspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;

/**
 * The fixed workload every client runs: the request of a run call, the text a stream
 * carries and how the stub cuts it into chunks, and the bytes of a media stream.
 */
public final class Workload {

	/** The model id of a run call; the loopback nginx answers any model the same. */
	public static final String RUN_MODEL = "bench/run-model";

	/** The prompt of every call. */
	public static final String PROMPT = "Once upon a time, in a benchmark far away,";

	/** What every run and stream call sends besides the prompt. */
	public static final BytezOptions OPTIONS = BytezOptions.builder().maxNewTokens(64).temperature(0.7).build();

	/** The input of every call. */
	public static final BytezInput INPUT = BytezInput.text(PROMPT);

	/**
	 * The JSON body BytezTemplate sends for a run call with {@link #INPUT} and
	 * {@link #OPTIONS}; the bare WebClient posts these very bytes.
	 */
	public static final byte[] RUN_BODY = ("{\"text\":\"" + PROMPT
			+ "\",\"params\":{\"max_new_tokens\":64,\"temperature\":0.7}}")
		.getBytes(StandardCharsets.UTF_8);

	/** The JSON body of a stream call, as BytezTemplate sends it. */
	public static final byte[] STREAM_BODY = ("{\"text\":\"" + PROMPT
			+ "\",\"params\":{\"max_new_tokens\":64,\"temperature\":0.7},\"stream\":true}")
		.getBytes(StandardCharsets.UTF_8);

	/** The size of one block of a media stream. */
	public static final int MEDIA_BLOCK_SIZE = 64 * 1024;

	private static final byte[] MEDIA_BLOCK = mediaBlock();

	private static final ConcurrentHashMap<Integer, byte[][]> CHUNKS = new ConcurrentHashMap<>();

	private Workload() {
	}

	/**
	 * The model id that makes the stream stub send {@code chunks} chunks
	 * {@code gapMillis} apart.
	 * @param chunks how many chunks
	 * @param gapMillis the gap between two chunks
	 * @return the model id
	 */
	public static String streamModel(int chunks, int gapMillis) {
		return "stream/c" + chunks + "-g" + gapMillis;
	}

	/**
	 * The model id that makes the stream stub send a media file of {@code blocks} blocks.
	 * @param blocks how many blocks of {@link #MEDIA_BLOCK_SIZE} bytes
	 * @return the model id
	 */
	public static String mediaModel(int blocks) {
		return "media/b" + blocks;
	}

	/**
	 * The text of a stream of {@code chunks} chunks: one line per chunk, with 2-, 3- and
	 * 4-byte UTF-8 characters so that chunk boundaries fall inside characters.
	 * @param chunks how many chunks
	 * @return the text whose concatenated chunks a client must deliver
	 */
	public static String streamText(int chunks) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < chunks; i++) {
			text.append("token ").append(i).append(" grüße ✓ 🙂\n");
		}
		return text.toString();
	}

	/**
	 * The chunks the stub sends: the UTF-8 bytes of {@link #streamText(int)} cut into
	 * {@code chunks} pieces of equal length, regardless of character boundaries.
	 * @param chunks how many chunks
	 * @return the chunks, shared: do not change them
	 */
	public static byte[][] streamChunks(int chunks) {
		return CHUNKS.computeIfAbsent(chunks, (n) -> {
			byte[] bytes = streamText(n).getBytes(StandardCharsets.UTF_8);
			byte[][] pieces = new byte[n][];
			for (int i = 0; i < n; i++) {
				int from = (int) ((long) bytes.length * i / n);
				int to = (int) ((long) bytes.length * (i + 1) / n);
				pieces[i] = java.util.Arrays.copyOfRange(bytes, from, to);
			}
			return pieces;
		});
	}

	/**
	 * One block of a media stream: fixed pseudo-random bytes.
	 * @return the block, shared: do not change it
	 */
	public static byte[] mediaBlock() {
		if (MEDIA_BLOCK != null) {
			return MEDIA_BLOCK;
		}
		byte[] block = new byte[MEDIA_BLOCK_SIZE];
		new Random(20261126L).nextBytes(block);
		return block;
	}

	/**
	 * The CRC-32 of a media stream of {@code blocks} blocks.
	 * @param blocks how many blocks
	 * @return the checksum a client's file must have
	 */
	public static long mediaCrc(int blocks) {
		CRC32 crc = new CRC32();
		for (int i = 0; i < blocks; i++) {
			crc.update(MEDIA_BLOCK);
		}
		return crc.getValue();
	}

}
