package io.github.bytezspring.ai.autoconfigure;

import java.util.Base64;
import java.util.List;

import io.github.bytezspring.ai.BytezEmbeddingModel;
import io.github.bytezspring.ai.BytezImageOptions;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubRequest;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.ai.audio.tts.TextToSpeechModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.UrlResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding, image, transcription and speech models, end to end against the Bytez
 * stub: the request each sends and the result it maps.
 */
class BytezAiModelsTests {

	private static final BytezStubServer stub = BytezStubServer.start();

	private static final String EMBEDDING = stub.exampleModel("feature-extraction");

	private static final String IMAGE = stub.exampleModel("text-to-image");

	private static final String ASR = stub.exampleModel("automatic-speech-recognition");

	private static final String TTS = stub.exampleModel("text-to-speech");

	private final ApplicationContextRunner runner = BytezAiStub.runner(stub)
		.withPropertyValues("spring.ai.bytez.embedding.options.model=" + EMBEDDING,
				"spring.ai.bytez.image.options.model=" + IMAGE, "spring.ai.bytez.image.options.width=512",
				"spring.ai.bytez.audio.transcription.options.model=" + ASR,
				"spring.ai.bytez.audio.speech.options.model=" + TTS);

	@AfterAll
	static void stop() {
		stub.close();
	}

	@BeforeEach
	void reset() {
		stub.reset();
	}

	@Test
	void embeddingSendsOneCallPerTextAndKeepsTheOrder() {
		stub.answerJson(EMBEDDING, "[0.5, -0.25, 1.0]");
		this.runner.run((context) -> {
			EmbeddingModel model = context.getBean(EmbeddingModel.class);
			List<float[]> vectors = model.embed(List.of("one", "two", "three"));
			assertThat(vectors).hasSize(3)
				.allSatisfy((vector) -> assertThat(vector).containsExactly(0.5f, -0.25f, 1.0f));
			assertThat(stub.requests(EMBEDDING)).map((request) -> request.json().path("text").asString())
				.containsExactlyInAnyOrder("one", "two", "three");
		});
	}

	@Test
	void embeddingDimensionsNeedNoCallWhenConfigured() {
		this.runner.withPropertyValues("spring.ai.bytez.embedding.options.dimensions=384").run((context) -> {
			assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(384);
			assertThat(stub.requests()).isEmpty();
		});
	}

	@Test
	void embeddingDimensionsAreMeasuredOnceOtherwise() {
		stub.answerJson(EMBEDDING, "[0.1, 0.2]");
		this.runner.run((context) -> {
			BytezEmbeddingModel model = context.getBean(BytezEmbeddingModel.class);
			assertThat(model.dimensions()).isEqualTo(2);
			assertThat(model.dimensions()).isEqualTo(2);
			assertThat(stub.requests(EMBEDDING)).hasSize(1);
		});
	}

	@Test
	void embeddingObservationParentsTheClientObservation() {
		stub.answerJson(EMBEDDING, "[0.1]");
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			context.getBean(EmbeddingModel.class).embed("x");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("bytez.client.requests")
				.that()
				.hasParentObservationContextMatching((parent) -> "gen_ai.client.operation".equals(parent.getName())
						&& parent.getContextualName().startsWith("embedding"));
		});
	}

	@Test
	void imageIsTheUrlBytezAnswers() {
		stub.answerText(IMAGE, "https://cdn.bytez.com/image.png");
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(TestObservationRegistry.class, () -> registry).run((context) -> {
			ImageResponse response = context.getBean(ImageModel.class).call(new ImagePrompt("a red fox"));
			assertThat(response.getResult().getOutput().getUrl()).isEqualTo("https://cdn.bytez.com/image.png");
			StubRequest request = stub.lastRequest(IMAGE);
			assertThat(request.json().path("text").asString()).isEqualTo("a red fox");
			assertThat(request.json().path("params").path("width").asInt()).isEqualTo(512);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo("bytez.client.requests")
				.that()
				.hasParentObservationContextMatching((parent) -> "gen_ai.client.operation".equals(parent.getName())
						&& parent.getContextualName().startsWith("image"));
		});
	}

	@Test
	void imageBytesWithB64Json() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 1, 2 };
		stub.answerMedia(IMAGE, "image/png", png);
		this.runner.run((context) -> {
			ImageResponse response = context.getBean(ImageModel.class)
				.call(new ImagePrompt("a fox",
						new BytezImageOptions(null, 2, null, 256, BytezImageOptions.B64_JSON, java.util.Map.of())));
			assertThat(response.getResults()).hasSize(2)
				.allSatisfy((image) -> assertThat(Base64.getDecoder().decode(image.getOutput().getB64Json()))
					.isEqualTo(png));
			assertThat(stub.lastRequest(IMAGE).json().path("json").asBoolean(true)).isFalse();
			assertThat(stub.lastRequest(IMAGE).json().path("params").path("height").asInt()).isEqualTo(256);
		});
	}

	@Test
	void transcriptionSendsBytesAsADataUrl() {
		stub.answerJson(ASR, "{\"text\":\"hello world\"}");
		this.runner.run((context) -> {
			ByteArrayResource audio = new ByteArrayResource(new byte[] { 1, 2, 3 }) {
				@Override
				public String getFilename() {
					return "hello.wav";
				}
			};
			assertThat(context.getBean(TranscriptionModel.class).transcribe(audio)).isEqualTo("hello world");
			assertThat(stub.lastRequest(ASR).json().path("base64").asString()).startsWith("data:audio/")
				.endsWith(";base64,AQID");
		});
	}

	@Test
	void transcriptionSendsAnHttpResourceAsAUrl() {
		stub.answerJson(ASR, "{\"text\":\"from the web\"}");
		this.runner.run((context) -> {
			UrlResource audio = new UrlResource("https://example.com/speech.mp3");
			assertThat(context.getBean(TranscriptionModel.class).transcribe(audio)).isEqualTo("from the web");
			assertThat(stub.lastRequest(ASR).json().path("url").asString()).isEqualTo("https://example.com/speech.mp3");
		});
	}

	@Test
	void speechIsTheAudioBytezStreams() {
		byte[] wav = { 'R', 'I', 'F', 'F', 9, 8, 7 };
		stub.answerMedia(TTS, "audio/wav", wav);
		this.runner.run((context) -> {
			TextToSpeechModel model = context.getBean(TextToSpeechModel.class);
			assertThat(model.call("Hello there")).isEqualTo(wav);
			assertThat(stub.lastRequest(TTS).json().path("text").asString()).isEqualTo("Hello there");
			assertThat(stub.lastRequest(TTS).json().path("json").asBoolean(true)).isFalse();
			byte[] streamed = model.stream("Hello").reduce(new java.io.ByteArrayOutputStream(), (out, piece) -> {
				out.writeBytes(piece);
				return out;
			}).block().toByteArray();
			assertThat(streamed).isEqualTo(wav);
		});
	}

}
