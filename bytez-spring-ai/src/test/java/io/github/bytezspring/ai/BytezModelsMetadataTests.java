package io.github.bytezspring.ai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StubMetering;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;
import org.springframework.ai.audio.tts.TextToSpeechResponse;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.model.ResponseMetadata;
import org.springframework.core.io.UrlResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding, image, transcription and speech responses carry Bytez's rate limit and
 * metering, as the chat responses do.
 */
@ExtendWith(BytezStubExtension.class)
class BytezModelsMetadataTests {

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	BytezModelsMetadataTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	@BeforeEach
	void metering() {
		this.stub.metering().limit(40).inferenceTime(Duration.ofMillis(200));
	}

	@Test
	void embeddingSumsTheInferenceTimeOfItsCalls() {
		String model = this.stub.exampleModel("feature-extraction");
		EmbeddingResponse response = new BytezEmbeddingModel(this.bytez,
				new BytezEmbeddingOptions(model, null, Map.of()), ObservationRegistry.NOOP)
			.call(new EmbeddingRequest(List.of("one", "two", "three"), null));

		assertThat(response.getResults()).hasSize(3);
		assertCarriesTheMetadata(response.getMetadata(), Duration.ofMillis(600));
	}

	@Test
	void imageTranscriptionAndSpeechCarryTheMetadata() throws Exception {
		String image = this.stub.exampleModel("text-to-image");
		this.stub.answerText(image, "https://cdn.bytez.com/image.png");
		String asr = this.stub.exampleModel("automatic-speech-recognition");
		this.stub.answerJson(asr, "{\"text\":\"hello\"}");
		String tts = this.stub.exampleModel("text-to-speech");
		this.stub.answerMedia(tts, "audio/wav", new byte[] { 'R', 'I', 'F', 'F' });

		assertCarriesTheMetadata(
				new BytezImageModel(this.bytez, new BytezImageOptions(image, null, null, null, null, Map.of()),
						ObservationRegistry.NOOP)
					.call(new ImagePrompt("a fox"))
					.getMetadata(),
				Duration.ofMillis(200));
		assertCarriesTheMetadata(new BytezTranscriptionModel(this.bytez, new BytezTranscriptionOptions(asr, Map.of()))
			.call(new AudioTranscriptionPrompt(new UrlResource("https://example.com/hello.wav")))
			.getMetadata(), Duration.ofMillis(200));
		BytezTextToSpeechModel speech = new BytezTextToSpeechModel(this.bytez,
				new BytezTextToSpeechOptions(tts, Map.of()));
		assertCarriesTheMetadata(speech.call(new TextToSpeechPrompt("Hello")).getMetadata(), Duration.ofMillis(200));
		List<TextToSpeechResponse> pieces = speech.stream(new TextToSpeechPrompt("Hello"))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(pieces).isNotEmpty()
			.allSatisfy((piece) -> assertCarriesTheMetadata(piece.getMetadata(), Duration.ofMillis(200)));
	}

	private static void assertCarriesTheMetadata(ResponseMetadata metadata, Duration inferenceTime) {
		RateLimit rateLimit = metadata.get(BytezAiMetadata.RATE_LIMIT);
		assertThat(rateLimit.getRequestsLimit()).isEqualTo(40L);
		assertThat(rateLimit.getRequestsRemaining()).isBetween(0L, 39L);
		assertThat(metadata.<Duration>get(BytezAiMetadata.INFERENCE_TIME)).isEqualTo(inferenceTime);
		assertThat(metadata.<String>get(BytezAiMetadata.INFERENCE_METER)).isEqualTo(StubMetering.DEFAULT_METER);
	}

}
