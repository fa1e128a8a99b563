package io.github.bytezspring.test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.jspecify.annotations.Nullable;

/**
 * Small media files the stub streams for {@code "json": false} requests to the media
 * tasks, generated in memory so that the module ships no binary files.
 */
final class MediaSamples {

	static final String PNG = "image/png";

	static final String WAV = "audio/wav";

	static final String MP4 = "video/mp4";

	private static final int IMAGE_SIZE = 16;

	private static final int SAMPLE_RATE = 8000;

	private static final int TONE_HERTZ = 440;

	// a quarter of a second
	private static final int SAMPLES = SAMPLE_RATE / 4;

	private MediaSamples() {
	}

	/**
	 * The media type a media task streams.
	 * @param task a task name
	 * @return the media type, or {@code null} when the task produces no media
	 */
	static @Nullable String mediaTypeOf(String task) {
		return switch (task) {
			case "text-to-image", "unconditional-image-generation" -> PNG;
			case "text-to-speech", "text-to-audio" -> WAV;
			case "text-to-video" -> MP4;
			default -> null;
		};
	}

	/**
	 * A sample file of a media type.
	 * @param mediaType {@link #PNG}, {@link #WAV} or {@link #MP4}
	 * @return a new array with the file's bytes
	 */
	static byte[] sample(String mediaType) {
		return switch (mediaType) {
			case PNG -> png();
			case WAV -> wav();
			case MP4 -> mp4();
			default -> throw new IllegalArgumentException("no sample of " + mediaType);
		};
	}

	/**
	 * A 16 by 16 pixel RGB PNG of a colour gradient, a valid image any decoder reads.
	 */
	static byte[] png() {
		ByteArrayOutputStream pixels = new ByteArrayOutputStream();
		for (int y = 0; y < IMAGE_SIZE; y++) {
			// filter type 0: the scanline as is
			pixels.write(0);
			for (int x = 0; x < IMAGE_SIZE; x++) {
				pixels.write(x * 255 / (IMAGE_SIZE - 1));
				pixels.write(y * 255 / (IMAGE_SIZE - 1));
				pixels.write(128);
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		ByteBuffer header = ByteBuffer.allocate(13);
		// width, height, bit depth 8, colour type 2 (RGB), compression, filter, interlace
		header.putInt(IMAGE_SIZE)
			.putInt(IMAGE_SIZE)
			.put((byte) 8)
			.put((byte) 2)
			.put((byte) 0)
			.put((byte) 0)
			.put((byte) 0);
		writeChunk(png, "IHDR", header.array());
		writeChunk(png, "IDAT", deflate(pixels.toByteArray()));
		writeChunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/**
	 * A quarter of a second of a 440 Hz tone as 8 kHz, 16-bit mono PCM in a WAV
	 * container.
	 */
	static byte[] wav() {
		int dataSize = SAMPLES * 2;
		ByteBuffer wav = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
		wav.put(ascii("RIFF")).putInt(36 + dataSize).put(ascii("WAVE"));
		// format chunk: PCM, 1 channel, sample rate, byte rate, block align, bits per
		// sample
		wav.put(ascii("fmt "))
			.putInt(16)
			.putShort((short) 1)
			.putShort((short) 1)
			.putInt(SAMPLE_RATE)
			.putInt(SAMPLE_RATE * 2)
			.putShort((short) 2)
			.putShort((short) 16);
		wav.put(ascii("data")).putInt(dataSize);
		for (int i = 0; i < SAMPLES; i++) {
			double angle = 2 * Math.PI * TONE_HERTZ * i / SAMPLE_RATE;
			wav.putShort((short) (Math.sin(angle) * Short.MAX_VALUE / 4));
		}
		return wav.array();
	}

	/**
	 * The start of an MP4 file: a {@code ftyp} box and an empty {@code free} box. Players
	 * recognise the container but find no track in it; it stands for a video in tests, it
	 * does not play.
	 */
	static byte[] mp4() {
		ByteBuffer mp4 = ByteBuffer.allocate(32);
		mp4.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp41"));
		mp4.putInt(8).put(ascii("free"));
		return mp4.array();
	}

	private static void writeChunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = ascii(type);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater();
		try {
			deflater.setInput(data);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[1024];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
