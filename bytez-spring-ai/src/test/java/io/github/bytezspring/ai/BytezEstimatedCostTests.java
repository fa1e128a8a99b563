package io.github.bytezspring.ai;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezCallMetadata;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.tts.TextToSpeechPrompt;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.model.ResponseMetadata;
import org.springframework.core.io.UrlResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every response of the Bytez models carries the call's estimated cost, the inference
 * time times the model's {@code meterPrice} in the stub's model list, and a cost that
 * cannot be known leaves the response as it was.
 */
@ExtendWith(BytezStubExtension.class)
class BytezEstimatedCostTests {

	// the stub's model list prices every example model at "0.0006478333 / sec" (checked
	// below)
	private static final double PRICE_PER_SECOND = 0.0006478333;

	private static final Duration INFERENCE_TIME = Duration.ofMillis(200);

	private static final double DOLLARS = 0.2 * PRICE_PER_SECOND;

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	BytezEstimatedCostTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	@BeforeEach
	void metering() {
		this.stub.metering().inferenceTime(INFERENCE_TIME);
	}

	@Test
	void theStubListsThePriceTheseTestsExpect() {
		assertThat(this.bytez.findModel(this.stub.exampleModel("chat")).block(Duration.ofSeconds(10)).meterPrice())
			.isEqualTo("0.0006478333 / sec");
	}

	@Test
	void callAndTheLastResponseOfStreamCarryTheCostOnEveryEndpoint() {
		String chat = this.stub.exampleModel("chat");
		BytezChatModel model = new BytezChatModel(this.bytez, BytezChatOptions.builder().model(chat).build());
		for (BytezChatEndpoint endpoint : List.of(BytezChatEndpoint.RUN, BytezChatEndpoint.RESPONSES,
				BytezChatEndpoint.CHAT_COMPLETIONS)) {
			Prompt prompt = new Prompt("Hi", BytezChatOptions.builder().model(chat).endpoint(endpoint).build());

			ChatResponse called = model.call(prompt);
			List<ChatResponse> streamed = model.stream(prompt).collectList().block(Duration.ofSeconds(10));

			assertThat(called.getMetadata().<Object>get(BytezAiMetadata.ENDPOINT)).isEqualTo(endpoint);
			assertThat(called.getMetadata().<Double>get(BytezAiMetadata.ESTIMATED_COST)).as("call() on %s", endpoint)
				.isCloseTo(DOLLARS, within(1e-15));
			assertThat(streamed).hasSizeGreaterThan(1);
			ChatResponse last = streamed.get(streamed.size() - 1);
			assertThat(last.getMetadata().<Double>get(BytezAiMetadata.ESTIMATED_COST)).as("stream() on %s", endpoint)
				.isCloseTo(DOLLARS, within(1e-15));
			assertThat(last.getMetadata().<Object>get(BytezAiMetadata.INFERENCE_TIME)).isEqualTo(INFERENCE_TIME);
			assertThat(streamed.subList(0, streamed.size() - 1)).allSatisfy(
					(piece) -> assertThat(piece.getMetadata().containsKey(BytezAiMetadata.ESTIMATED_COST)).isFalse());
		}
		// the price was looked up once, for all six calls
		assertThat(this.stub.requests()
			.stream()
			.filter((request) -> request.path().equals("/models/v2/list/models"))
			.count()).isEqualTo(1);
	}

	@Test
	void aModelWithoutAListedPriceHasNoCostAndAnswersAsBefore() {
		String closed = "openai/gpt-4o-mini";
		this.stub.answerText(closed, "It is noon in Paris.");
		BytezChatModel model = new BytezChatModel(this.bytez, BytezChatOptions.builder().model(closed).build());
		Prompt prompt = new Prompt("Hi",
				BytezChatOptions.builder().model(closed).endpoint(BytezChatEndpoint.RESPONSES).build());

		ChatResponse called = model.call(prompt);
		List<ChatResponse> streamed = model.stream(prompt).collectList().block(Duration.ofSeconds(10));

		assertThat(called.getResult().getOutput().getText()).isEqualTo("It is noon in Paris.");
		assertThat(called.getMetadata().<Object>get(BytezAiMetadata.INFERENCE_TIME)).isEqualTo(INFERENCE_TIME);
		assertThat(called.getMetadata().containsKey(BytezAiMetadata.ESTIMATED_COST)).isFalse();
		assertThat(streamed.get(streamed.size() - 1).getMetadata().containsKey(BytezAiMetadata.ESTIMATED_COST))
			.isFalse();
	}

	@Test
	void embeddingImageTranscriptionAndSpeechCarryTheCost() throws Exception {
		String embedding = this.stub.exampleModel("feature-extraction");
		String image = this.stub.exampleModel("text-to-image");
		this.stub.answerText(image, "https://cdn.bytez.com/image.png");
		String asr = this.stub.exampleModel("automatic-speech-recognition");
		this.stub.answerJson(asr, "{\"text\":\"hello\"}");
		String tts = this.stub.exampleModel("text-to-speech");
		this.stub.answerMedia(tts, "audio/wav", new byte[] { 'R', 'I', 'F', 'F' });

		// three texts, three calls: their inference times add up
		assertCost(new BytezEmbeddingModel(this.bytez, new BytezEmbeddingOptions(embedding, null, Map.of()),
				ObservationRegistry.NOOP)
			.call(new EmbeddingRequest(List.of("one", "two", "three"), null))
			.getMetadata(), 3 * DOLLARS);
		assertCost(new BytezImageModel(this.bytez, new BytezImageOptions(image, null, null, null, null, Map.of()),
				ObservationRegistry.NOOP)
			.call(new ImagePrompt("a fox"))
			.getMetadata(), DOLLARS);
		assertCost(new BytezTranscriptionModel(this.bytez, new BytezTranscriptionOptions(asr, Map.of()))
			.call(new AudioTranscriptionPrompt(new UrlResource("https://example.com/hello.wav")))
			.getMetadata(), DOLLARS);
		assertCost(new BytezTextToSpeechModel(this.bytez, new BytezTextToSpeechOptions(tts, Map.of()))
			.call(new TextToSpeechPrompt("Hello"))
			.getMetadata(), DOLLARS);
	}

	@Test
	void aFailingLookUpLeavesTheResponseWithoutCost() {
		String chat = this.stub.exampleModel("chat");
		BytezOperations failing = withEstimate(Mono.error(new IllegalStateException("catalogue down")));
		BytezChatModel model = new BytezChatModel(failing, BytezChatOptions.builder().model(chat).build());

		ChatResponse called = model.call(new Prompt("Hi"));
		List<ChatResponse> streamed = model.stream(new Prompt("Hi")).collectList().block(Duration.ofSeconds(10));

		assertThat(called.getMetadata().<Object>get(BytezAiMetadata.INFERENCE_TIME)).isEqualTo(INFERENCE_TIME);
		assertThat(called.getMetadata().containsKey(BytezAiMetadata.ESTIMATED_COST)).isFalse();
		assertThat(streamed.get(streamed.size() - 1).getMetadata().containsKey(BytezAiMetadata.ESTIMATED_COST))
			.isFalse();
	}

	@Test
	void aLookUpThatNeverAnswersIsGivenUpAfterTheBoundedWait() {
		BytezOperations silent = withEstimate(Mono.never());
		BytezCallMetadata metadata = BytezCallMetadata.of(null, null, null, INFERENCE_TIME, null);

		StepVerifier.withVirtualTime(() -> BytezAiMetadata.estimatedCost(silent, "org/model", metadata))
			.expectSubscription()
			.expectNoEvent(BytezAiMetadata.COST_WAIT.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(Optional.empty())
			.verifyComplete();
	}

	private static void assertCost(ResponseMetadata metadata, double dollars) {
		assertThat(metadata.<Double>get(BytezAiMetadata.ESTIMATED_COST)).isCloseTo(dollars, within(1e-15));
	}

	/**
	 * The template, except that its estimates are the given one.
	 */
	private BytezOperations withEstimate(Mono<Double> estimate) {
		return (BytezOperations) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { BytezOperations.class }, (proxy, method, args) -> {
					if (method.getName().equals("estimateCost")) {
						return estimate;
					}
					try {
						return method.invoke(this.bytez, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
