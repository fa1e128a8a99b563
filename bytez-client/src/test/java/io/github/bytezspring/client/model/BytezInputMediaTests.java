package io.github.bytezspring.client.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Chat content blocks, files sent inline as data URLs, and the bound on their size.
 */
class BytezInputMediaTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@TempDir
	Path temp;

	@Test
	void aMessageOfOneTextIsSentAsAStringAndBlocksAsAList() {
		BytezInput input = BytezInput.messages(BytezMessage.system("Be brief."),
				BytezMessage.user(BytezContent.text("What is this?"),
						BytezContent.image(BytezMediaSource.url("https://example.com/a.jpg")),
						BytezContent.audio(
								BytezMediaSource.bytes(new byte[] { 1, 2, 3 }, MediaType.parseMediaType("audio/wav"))),
						BytezContent.video(BytezMediaSource.url("https://example.com/v.mp4"))));

		assertThat(body(input)).isEqualTo(mapper.readTree("""
				{"messages":[
				  {"role":"system","content":"Be brief."},
				  {"role":"user","content":[
				    {"type":"text","text":"What is this?"},
				    {"type":"image","url":"https://example.com/a.jpg"},
				    {"type":"audio","base64":"data:audio/wav;base64,AQID"},
				    {"type":"video","url":"https://example.com/v.mp4"}]}]}"""));
	}

	@Test
	void messagesReadBackFromTheirJsonWhetherTheContentIsAStringOrBlocks() {
		BytezMessage blocks = BytezMessage.user(BytezContent.text("Describe it"),
				BytezContent.image(BytezMediaSource.bytes(new byte[] { 9 }, MediaType.IMAGE_PNG)));

		String json = mapper.writeValueAsString(List.of(BytezMessage.assistant("Hi"), blocks));

		assertThat(json).isEqualTo("[{\"role\":\"assistant\",\"content\":\"Hi\"},{\"role\":\"user\",\"content\":["
				+ "{\"type\":\"text\",\"text\":\"Describe it\"},{\"type\":\"image\",\"base64\":\"data:image/png;base64,CQ==\"}]}]");
		assertThat(mapper.readValue(json, BytezMessage[].class)).containsExactly(BytezMessage.assistant("Hi"), blocks);
		assertThat(blocks.text()).isEqualTo("Describe it");
		assertThat(new BytezMessage("user", List.of(BytezContent.text("a"), BytezContent.text("b"))).text())
			.isEqualTo("a\nb");
		assertThat(BytezMessage.user("x")).isEqualTo(new BytezMessage("user", List.of(BytezContent.text("x"))));
	}

	@Test
	void blocksThatBytezWouldRefuseAreRejectedNamingTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezContent.image(BytezMediaSource.url("/tmp/cat.jpg")))
			.withMessageContaining("url must be an absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMediaSource.dataUrl("AQID"))
			.withMessageContaining("dataUrl must be a data URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezContent(BytezContent.Type.AUDIO, null, null, "AQID"))
			.withMessageContaining("base64 must be a data URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezContent.media(BytezContent.Type.TEXT, BytezMediaSource.url("https://a.example/x")))
			.withMessage("type must be a media kind, not text");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezContent.image(null))
			.withMessage("source must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezMediaSource(null, null))
			.withMessage("a media source needs exactly one of url or dataUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezContent(BytezContent.Type.IMAGE, null, "https://a.example/x.png",
					"data:image/png;base64,AQ=="))
			.withMessage("a image block needs exactly one of url or base64");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezContent(BytezContent.Type.TEXT, "hi", "https://a.example/x.png", null))
			.withMessage("a text block holds no url or base64");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMessage.user(new BytezContent[0]))
			.withMessageContaining("message content must not be null or empty");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezMessage.user((String) null))
			.withMessage("message content must not be null");
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> mapper.readValue(
					"{\"role\":\"user\",\"content\":[{\"type\":\"pdf\",\"url\":\"https://x\"}]}", BytezMessage.class))
			.withMessageContaining("content type must be one of text, image, audio, video, not 'pdf'");
	}

	@Test
	void pathsResourcesAndBytesBecomeDataUrlsOfTheirMediaType() throws IOException {
		Path png = Files.write(this.temp.resolve("cat.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });

		assertThat(BytezInput.file(png).base64()).isEqualTo("data:image/png;base64,iVBORw==");
		assertThat(BytezInput.resource(new FileSystemResource(png)).base64())
			.isEqualTo("data:image/png;base64,iVBORw==");
		assertThat(BytezContent.image(BytezMediaSource.file(png)).base64()).isEqualTo("data:image/png;base64,iVBORw==");
		assertThat(BytezContent.video(BytezMediaSource.resource(new FileSystemResource(png))).base64())
			.isEqualTo("data:image/png;base64,iVBORw==");
		assertThat(BytezContent.audio(BytezMediaSource.file(Files.write(this.temp.resolve("a.mp3"), new byte[] { 1 })))
			.base64()).isEqualTo("data:audio/mpeg;base64,AQ==");
		assertThat(BytezInput.base64(new byte[] { 1, 2 }, MediaType.IMAGE_JPEG).base64())
			.isEqualTo("data:image/jpeg;base64,AQI=");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.file(Files.write(this.temp.resolve("x"), new byte[1])))
			.withMessageContaining("cannot be guessed");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.file(this.temp.resolve("missing.png")))
			.withMessageContaining("missing.png' is not a readable regular file");
	}

	@Test
	void aFileLargerThanTheDefaultBoundIsRejectedFromItsSizeBeforeItIsRead() throws IOException {
		Path video = sparseFile("big.mp4", DataSize.ofMegabytes(20).toBytes() + 1);

		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.file(video))
			.withMessageContaining(
					"big.mp4' is 20.0MB (20971521 bytes), more than the 20.0MB (20971520 bytes) allowed inline")
			.withMessageContaining("send it by URL instead");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezContent.video(BytezMediaSource.file(video)))
			.withMessageContaining("(20971521 bytes), more than");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.resource(new FileSystemResource(video), MediaType.parseMediaType("video/mp4")))
			.withMessageContaining("(20971521 bytes), more than");
		assertThat(BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE).isEqualTo(DataSize.ofMegabytes(20));
	}

	@Test
	void bytesAndInMemoryResourcesAreBoundedByDefaultToo() {
		byte[] big = new byte[(int) DataSize.ofMegabytes(20).toBytes() + 1];

		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.base64(big, MediaType.IMAGE_PNG))
			.withMessageContaining("content is 20.0MB (20971521 bytes), more than the 20.0MB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezContent.image(BytezMediaSource.bytes(big, MediaType.IMAGE_PNG)))
			.withMessageContaining("content is 20.0MB (20971521 bytes), more than the 20.0MB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.resource(new ByteArrayResource(big), MediaType.IMAGE_PNG))
			.withMessageContaining("(20971521 bytes), more than the 20.0MB");
	}

	@Test
	void anExplicitBoundReplacesTheDefault() throws IOException {
		Path clip = sparseFile("clip.wav", 2048);

		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.file(clip, DataSize.ofKilobytes(1)))
			.withMessageContaining("2048 bytes, more than the 1024 bytes allowed");
		assertThatIllegalArgumentException().isThrownBy(
				() -> BytezContent.media(BytezContent.Type.AUDIO, BytezMediaSource.file(clip, DataSize.ofKilobytes(1))))
			.withMessageContaining("2048 bytes, more than the 1024 bytes allowed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezMediaSource.resource(new FileSystemResource(clip), DataSize.ofKilobytes(1)))
			.withMessageContaining("2048 bytes, more than the 1024 bytes allowed");
		assertThat(BytezMediaSource.resource(new FileSystemResource(clip), DataSize.ofKilobytes(2)).inlineMediaSize())
			.isEqualTo(2048);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.base64(new byte[2048], MediaType.IMAGE_PNG, DataSize.ofKilobytes(1)))
			.withMessageContaining("content is 2048 bytes");
		assertThat(BytezInput.file(clip, DataSize.ofKilobytes(2)).inlineMediaSize()).isEqualTo(2048);
		assertThatIllegalArgumentException().isThrownBy(() -> BytezInput.file(clip, DataSize.ofBytes(0)))
			.withMessageContaining("maxSize must be between 1B and 1024MB");
	}

	@Test
	void aStreamOfUnknownLengthIsReadNoFurtherThanTheBound() {
		AtomicLong served = new AtomicLong();
		InputStream endless = new InputStream() {
			@Override
			public int read() {
				served.incrementAndGet();
				return 'x';
			}
		};

		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezInput.resource(new InputStreamResource(endless), MediaType.IMAGE_PNG,
					DataSize.ofKilobytes(4)))
			.withMessageContaining("is more than the 4096 bytes allowed inline");
		assertThat(served.get()).isEqualTo(4097);
	}

	@Test
	void theInputReportsAndChecksTheSizeOfAllItsInlineMedia() {
		BytezInput input = BytezInput.messages(
				BytezMessage.user(BytezContent.text("compare"),
						BytezContent.image(BytezMediaSource.bytes(new byte[10], MediaType.IMAGE_PNG)),
						BytezContent.image(BytezMediaSource.url("https://example.com/b.png"))),
				BytezMessage.user(BytezContent
					.video(BytezMediaSource.bytes(new byte[7], MediaType.parseMediaType("video/mp4")))));

		assertThat(input.inlineMediaSize()).isEqualTo(17);
		assertThat(BytezInput.base64(new byte[5], MediaType.IMAGE_PNG).withQuestion("?").inlineMediaSize())
			.isEqualTo(5);
		assertThat(BytezInput.url("https://example.com/a.png").inlineMediaSize()).isZero();
		input.checkInlineMediaSize(DataSize.ofBytes(17));
		assertThatIllegalArgumentException().isThrownBy(() -> input.checkInlineMediaSize(DataSize.ofBytes(16)))
			.withMessage("the input's inline media is 17 bytes, more than the 16 bytes allowed "
					+ "(maxInlineMediaSize); send large files by URL instead");
	}

	@Test
	void theDecodedSizeOfADataUrlIsExactWithAndWithoutPadding() {
		for (int length = 0; length < 10; length++) {
			String dataUrl = BytezInput.base64(new byte[length], MediaType.IMAGE_PNG).base64();
			assertThat(DataUrls.decodedSize(dataUrl)).as(dataUrl).isEqualTo(length);
			assertThat(DataUrls.decodedSize(dataUrl.replace("=", ""))).as(dataUrl + " unpadded").isEqualTo(length);
		}
	}

	private Path sparseFile(String name, long length) throws IOException {
		Path file = this.temp.resolve(name);
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(length);
		}
		return file;
	}

	private static JsonNode body(BytezInput input) {
		ObjectNode body = mapper.createObjectNode();
		input.writeTo(body);
		return body;
	}

}
