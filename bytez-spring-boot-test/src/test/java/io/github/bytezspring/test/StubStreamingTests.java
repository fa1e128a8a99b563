package io.github.bytezspring.test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the stub's streams: text at a chosen pace, and media bytes for
 * {@code "json": false}.
 */
@ExtendWith(BytezStubExtension.class)
class StubStreamingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TEXT_MODEL = "openai-community/gpt2";

	private final BytezStubServer stub;

	private final BytezTemplate template;

	private final StubHttp http;

	StubStreamingTests(BytezStubServer stub) {
		this.stub = stub;
		this.template = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
		this.http = new StubHttp(stub);
	}

	@Test
	void pausesBetweenChunksDeliverTheTextPieceByPieceOverTime() {
		// a first stream loads the client's classes, which would hold back the pieces of
		// the measured one
		this.stub.streamPacing(StreamPacing.chunks(2));
		this.template.stream(TEXT_MODEL, BytezInput.text("warm up")).blockLast(TIMEOUT);
		this.stub.streamPacing(StreamPacing.chunks(5).every(Duration.ofMillis(60)));
		List<Long> arrivals = new ArrayList<>();
		long start = System.nanoTime();
		StepVerifier
			.create(this.template.stream(TEXT_MODEL, BytezInput.text("Once"))
				.doOnNext((piece) -> arrivals.add(System.nanoTime() - start))
				.collectList())
			.assertNext((pieces) -> {
				// a chunk may reach the client in two reads, never two chunks in one
				// (they are 60ms apart)
				assertThat(pieces).hasSizeGreaterThanOrEqualTo(5);
				assertThat(String.join("", pieces)).isEqualTo(this.stub.exampleText("text-generation"));
			})
			.expectComplete()
			.verify(TIMEOUT);
		// the stub pauses 60ms before each chunk: the last piece cannot come before
		// 300ms, and although
		// the network or the client may bunch some pieces, they arrive at several
		// distinct times
		assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		long distinctTimes = 1;
		for (int i = 1; i < arrivals.size(); i++) {
			if (arrivals.get(i) - arrivals.get(i - 1) >= Duration.ofMillis(30).toNanos()) {
				distinctTimes++;
			}
		}
		assertThat(distinctTimes).isGreaterThanOrEqualTo(3);
	}

	@Test
	void chunkSizeSplitsByBytesAndTheClientStillDecodesMultiByteCharactersWhole() {
		String text = "Grüße, 世界! 🙂\nnext line";
		this.stub.answerText("acme/unicode", text).streamPacing(StreamPacing.chunkSize(1).every(Duration.ofMillis(2)));
		StepVerifier.create(this.template.stream("acme/unicode", BytezInput.text("x")).collectList())
			.assertNext((pieces) -> {
				assertThat(String.join("", pieces)).isEqualTo(text);
				assertThat(pieces).hasSizeGreaterThan(5);
			})
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.lastRequest("acme/unicode").json().get("stream").booleanValue()).isTrue();
	}

	@Test
	void overSpreadsTheChunksOverATime() {
		this.stub.streamChunks(4, Duration.ofMillis(200));
		long start = System.nanoTime();
		StepVerifier.create(this.template.stream(TEXT_MODEL, BytezInput.text("Once")).collectList())
			.assertNext((pieces) -> {
				assertThat(pieces).hasSizeGreaterThanOrEqualTo(2);
				assertThat(String.join("", pieces)).isEqualTo(this.stub.exampleText("text-generation"));
			})
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(this.stub.streamPacing()).hasToString("StreamPacing{chunks=4, over=PT0.2S}");
	}

	@Test
	void pacingRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> StreamPacing.chunkSize(0)).withMessageContaining("bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> StreamPacing.chunks(1).every(Duration.ofMillis(-1)))
			.withMessageContaining("pause");
		assertThat(StreamPacing.chunkSize(4).chunkCount(10)).isEqualTo(3);
		assertThat(StreamPacing.chunks(8).chunkCount(3)).isEqualTo(3);
		assertThat(StreamPacing.chunks(2).every(Duration.ofMillis(50)).totalMillis(100)).isEqualTo(100);
	}

	@Test
	void textToImageWithJsonFalseStreamsAPng() throws Exception {
		String model = this.stub.exampleModel("text-to-image");
		HttpResponse<byte[]> response = this.http.send("POST", "/models/v2/" + model,
				"{\"text\":\"a cat\",\"json\":false}", HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(response.body()).isEqualTo(this.stub.media(model));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
		assertThat(image.getWidth()).isEqualTo(16);
		assertThat(image.getHeight()).isEqualTo(16);
		assertThat(image.getRGB(15, 0) & 0xffffff).isEqualTo(0xff0080);
	}

	@Test
	void textToSpeechAndTextToAudioWithJsonFalseStreamAWav() throws Exception {
		for (String task : List.of("text-to-speech", "text-to-audio")) {
			String model = this.stub.exampleModel(task);
			HttpResponse<byte[]> response = this.http.send("POST", "/models/v2/" + model,
					"{\"text\":\"hello\",\"json\":false}", HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
			try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(response.body()))) {
				AudioFormat format = audio.getFormat();
				assertThat(format.getSampleRate()).isEqualTo(8000f);
				assertThat(format.getSampleSizeInBits()).isEqualTo(16);
				assertThat(audio.getFrameLength()).isEqualTo(2000);
			}
		}
	}

	@Test
	void textToVideoWithJsonFalseStreamsAnMp4Container() {
		String model = this.stub.exampleModel("text-to-video");
		HttpResponse<byte[]> response = this.http.send("POST", "/models/v2/" + model,
				"{\"text\":\"waves\",\"json\":false}", HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(new String(response.body(), 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypisom");
	}

	@Test
	void mediaModelsWithoutJsonFalseAnswerTheSpecExampleUrl() {
		String model = this.stub.exampleModel("text-to-image");
		StepVerifier.create(this.template.run(model, BytezInput.text("a cat")))
			.assertNext(
					(response) -> assertThat(response.outputText()).isEqualTo("https://api.bytez.com/image/1234567890"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void answerMediaStreamsYourOwnBytes() {
		byte[] gif = "GIF89a-not-really".getBytes(StandardCharsets.US_ASCII);
		this.stub.answerMedia("acme/gif-maker", "image/gif", gif);
		HttpResponse<byte[]> response = this.http.send("POST", "/models/v2/acme/gif-maker",
				"{\"text\":\"x\",\"json\":false}", HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
		assertThat(response.body()).isEqualTo(gif);
		assertThat(this.stub.mediaType("acme/gif-maker")).isEqualTo("image/gif");
		assertThat(this.stub.media(this.stub.exampleModel("chat"))).isNull();
	}

	@Test
	void jsonFalseToAModelWithoutMediaAnswersJson() {
		HttpResponse<String> response = this.http.send("POST", "/models/v2/Qwen/Qwen3-4B",
				"{\"messages\":[],\"json\":false}");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(StubHttp.json(response).get("output").get("content").stringValue())
			.isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

}
