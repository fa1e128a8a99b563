package io.github.bytezspring.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.cluster.BytezCluster;
import io.github.bytezspring.client.cluster.BytezClusterCapacity;
import io.github.bytezspring.client.cluster.BytezClusterUpdate;
import io.github.bytezspring.client.cluster.BytezClusters;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezContent;
import io.github.bytezspring.client.model.BytezMediaSource;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezOutput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.model.BytezTask;
import io.github.bytezspring.client.model.output.Answer;
import io.github.bytezspring.client.model.output.DetectedObject;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.model.output.ZeroShotResult;
import io.github.bytezspring.client.openai.BytezOpenAi;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;
import io.github.bytezspring.client.openai.ResponsesResult;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.test.BytezStubExtension;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import io.github.bytezspring.test.StubRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Holds the Java snippets of {@code README.md} and {@code docs/*.md}, each in a test
 * method named by the {@code <!-- snippet: ... -->} marker above it, run against the stub
 * with assertions on the result. Keep each method's calls the same as its snippet's.
 */
@ExtendWith(BytezStubExtension.class)
class DocsSnippetsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Log log = LogFactory.getLog(DocsSnippetsTests.class);

	private final BytezStubServer stub;

	private final BytezTemplate bytez;

	DocsSnippetsTests(BytezStubServer stub) {
		this.stub = stub;
		this.bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.providerKey("configured-provider-key")
			.retryPolicy(BytezRetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build())
			.build();
	}

	/**
	 * The pages' readers run their code against the strict stub of
	 * {@code @AutoConfigureBytezStub}, which refuses a field the model's task does not
	 * take; so do these tests (the extension resets the stub, and with it strict mode,
	 * before each test).
	 */
	@BeforeEach
	void strict() {
		this.stub.strict(true);
	}

	// README.md

	@Test
	void streamExample() {
		this.stub.streamPacing(StreamPacing.chunks(4).every(Duration.ofMillis(5)));
		Flux<String> tokens = this.bytez.stream("openai-community/gpt2", BytezInput.text("Once upon a time"));
		tokens.subscribe(System.out::print);
		StepVerifier.create(tokens.collectList()).assertNext((pieces) -> {
			assertThat(pieces).hasSizeGreaterThan(1);
			assertThat(String.join("", pieces)).isEqualTo(this.stub.exampleText("text-generation"));
		}).expectComplete().verify(TIMEOUT);
		assertThat(this.stub.lastRequest("openai-community/gpt2").json().get("stream").booleanValue()).isTrue();
	}

	// docs/tasks.md

	@Test
	void outputAsTypeReference() {
		record Label(String label, double score) {
		}
		String imageUrl = "https://example.com/cat.jpg";

		Mono<List<Label>> labels = this.bytez.run("google/vit-base-patch16-224", BytezInput.url(imageUrl))
			.map((response) -> response.outputAs(new TypeReference<List<Label>>() {
			}));

		List<Label> read = labels.block(TIMEOUT);
		assertThat(read).isNotEmpty();
		assertThat(read.get(0).label()).isNotBlank();
		assertThat(read.get(0).score()).isBetween(0.0, 1.0);
		assertThat(this.stub.lastRequest("google/vit-base-patch16-224").json().get("url").stringValue())
			.isEqualTo(imageUrl);
	}

	@Test
	void typedOutputs() {
		BytezResponse response = this.bytez
			.run("google/vit-base-patch16-224", BytezInput.url("https://example.com/cat.jpg"))
			.block(TIMEOUT);

		List<Label> labels = response.outputAs(BytezOutput.LABELS);
		Object any = response.outputAs(BytezTask.IMAGE_CLASSIFICATION.output());

		assertThat(labels).isNotEmpty();
		assertThat(any).isEqualTo(labels);
		assertThat(BytezTask.TEXT2TEXT_GENERATION.wireName()).isEqualTo("text2text-generation");
		assertThat(BytezTask.IMAGE_CLASSIFICATION.exampleModel()).isEqualTo("google/vit-base-patch16-224");
		assertThat(BytezTask.TEXT_GENERATION.streamsText()).isTrue();
		assertThat(BytezTask.TEXT_TO_IMAGE.producesMedia()).isTrue();
	}

	@Test
	void textOutput() {
		String article = "A long article about lighthouses.";

		Mono<String> summary = this.bytez.run("ainize/bart-base-cnn", BytezInput.text(article))
			.map((response) -> response.outputAs(BytezOutput.TEXT));

		assertThat(summary.block(TIMEOUT)).isEqualTo(this.stub.exampleText("summarization"));
		assertThat(this.stub.lastRequest("ainize/bart-base-cnn").json().get("text").stringValue()).isEqualTo(article);
	}

	@Test
	void chatWithImage() {
		BytezInput input = BytezInput.messages(BytezMessage.system("Answer in one sentence."),
				BytezMessage.user(BytezContent.text("What is in this picture?"),
						BytezContent.image(BytezMediaSource.url("https://example.com/ducks.jpg"))));
		Mono<BytezMessage> reply = this.bytez.run("google/gemma-3-4b-it", input)
			.map((response) -> response.outputAs(BytezOutput.CHAT_MESSAGE));

		BytezMessage message = reply.block(TIMEOUT);
		assertThat(message.role()).isEqualTo("assistant");
		assertThat(message.text()).isNotBlank();
		JsonNode content = this.stub.lastRequest("google/gemma-3-4b-it").json().get("messages").get(1).get("content");
		assertThat(content.get(0).get("type").stringValue()).isEqualTo("text");
		assertThat(content.get(1).get("type").stringValue()).isEqualTo("image");
		assertThat(content.get(1).get("url").stringValue()).isEqualTo("https://example.com/ducks.jpg");
	}

	@Test
	void visionOutputs(@TempDir Path folder) throws IOException {
		Path cat = Files.write(folder.resolve("cat.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF });
		String imageUrl = "https://example.com/cat.jpg";

		Mono<List<DetectedObject>> objects = this.bytez.run("facebook/detr-resnet-50", BytezInput.file(cat))
			.map((response) -> response.outputAs(BytezOutput.DETECTED_OBJECTS));
		Mono<List<Answer>> answers = this.bytez
			.run("Salesforce/blip-vqa-base", BytezInput.url(imageUrl).withQuestion("What animal is this?"))
			.map((response) -> response.outputAs(BytezOutput.ANSWERS));

		List<DetectedObject> detected = objects.block(TIMEOUT);
		assertThat(detected).isNotEmpty();
		assertThat(detected.get(0).box()).isNotNull();
		assertThat(this.stub.lastRequest("facebook/detr-resnet-50").json().get("base64").stringValue())
			.startsWith("data:image/jpeg;base64,");
		assertThat(answers.block(TIMEOUT)).isNotEmpty()
			.allSatisfy((answer) -> assertThat(answer.answer()).isNotBlank());
		assertThat(this.stub.lastRequest("Salesforce/blip-vqa-base").json().get("question").stringValue())
			.isEqualTo("What animal is this?");
	}

	@Test
	void audioAndVideoOutputs(@TempDir Path folder) throws IOException {
		Path clip = Files.write(folder.resolve("clip.mp4"), new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p' });
		String wavUrl = "https://example.com/hello.wav";

		Mono<String> transcript = this.bytez.run("facebook/data2vec-audio-base-960h", BytezInput.url(wavUrl))
			.map((response) -> response.outputAs(BytezOutput.TEXT));
		Mono<List<Label>> activity = this.bytez.run("ahmedabdo/video-classifier", BytezInput.file(clip))
			.map((response) -> response.outputAs(BytezOutput.LABELS));

		assertThat(transcript.block(TIMEOUT)).isNotBlank();
		assertThat(activity.block(TIMEOUT)).isNotEmpty();
		assertThat(this.stub.lastRequest("ahmedabdo/video-classifier").json().get("base64").stringValue())
			.startsWith("data:video/mp4;base64,");
	}

	@Test
	void zeroShot() {
		Mono<ZeroShotResult> topic = this.bytez
			.run("facebook/bart-large-mnli",
					BytezInput.text("One day I will see the world").withCandidateLabels("travel", "cooking"))
			.map((response) -> response.outputAs(BytezOutput.ZERO_SHOT));

		ZeroShotResult result = topic.block(TIMEOUT);
		assertThat(result.labels()).isNotEmpty();
		assertThat(result.asLabels()).hasSameSizeAs(result.labels());
		JsonNode labels = this.stub.lastRequest("facebook/bart-large-mnli").json().get("candidate_labels");
		assertThat(labels.get(0).stringValue()).isEqualTo("travel");
		assertThat(labels.get(1).stringValue()).isEqualTo("cooking");
	}

	@Test
	void embeddings() {
		String sentence = "The lighthouse stands on the cliff.";

		Mono<float[]> vector = this.bytez.run("sentence-transformers/all-MiniLM-L6-v2", BytezInput.text(sentence))
			.map((response) -> response.outputAs(BytezOutput.EMBEDDING));

		assertThat(vector.block(TIMEOUT)).as("all-MiniLM-L6-v2's 384 dimensions").hasSize(384);
	}

	@Test
	void mediaUrl() {
		Mono<String> imageUrl = this.bytez
			.run("dreamlike-art/dreamlike-photoreal-2.0", BytezInput.text("A lighthouse at dawn"))
			.map((response) -> response.outputAs(BytezOutput.MEDIA_URL));

		assertThat(imageUrl.block(TIMEOUT)).startsWith("http");
	}

	@Test
	void typedRunAndChat() {
		String imageUrl = "https://example.com/cat.jpg";

		Mono<List<Label>> labels = this.bytez.run("google/vit-base-patch16-224", BytezInput.url(imageUrl),
				BytezOutput.LABELS);
		Mono<BytezMessage> answer = this.bytez.chat("Qwen/Qwen3-4B", BytezMessage.user("Hello!"));

		assertThat(labels.block(TIMEOUT)).isNotEmpty();
		assertThat(answer.block(TIMEOUT).text()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

	// docs/media.md

	@Test
	void streamMediaTo(@TempDir Path folder) {
		byte[] png = this.stub.media(this.stub.exampleModel("text-to-image"));
		this.stub.answerMedia("stabilityai/stable-diffusion-xl-base-1.0", "image/png", png);
		Path target = folder.resolve("lighthouse.png");

		Mono<BytezMedia> written = this.bytez.streamMediaTo("stabilityai/stable-diffusion-xl-base-1.0",
				BytezInput.text("A lighthouse at dawn"), BytezOptions.defaults(), target);

		BytezMedia media = written.block(TIMEOUT);
		assertThat(media.contentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(media.file()).isEqualTo(target);
		assertThat(media.size()).isEqualTo(png.length);
		assertThat(target).hasBinaryContent(png);
		assertThat(this.stub.lastRequest("stabilityai/stable-diffusion-xl-base-1.0").json().get("json").booleanValue())
			.isFalse();
	}

	@Test
	void inlineMediaBound(@TempDir Path folder) throws IOException {
		Path poster = Files.write(folder.resolve("poster.png"), new byte[2048]);

		BytezInput large = BytezInput.file(poster, DataSize.ofMegabytes(50));

		assertThat(large.base64()).startsWith("data:image/png;base64,");
		assertThat(BytezInput.DEFAULT_MAX_INLINE_MEDIA_SIZE).isEqualTo(DataSize.ofMegabytes(20));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> BytezInput.file(poster, DataSize.ofKilobytes(1)));
	}

	// docs/errors.md

	@Test
	void handleErrors() {
		String model = "Qwen/Qwen3-4B";
		BytezInput input = BytezInput.messages(BytezMessage.user("Hello"));
		this.stub.script(model).nextCall().rateLimited(Duration.ofSeconds(90));
		this.stub.script(model).nextCall().serverError(500);

		Mono<String> reply = this.bytez.run(model, input)
			.map(BytezResponse::outputText)
			.onErrorResume(BytezRateLimitException.class,
					(e) -> Mono.just("Busy, try again in " + e.retryAfter().map(Duration::toSeconds).orElse(30L) + "s"))
			.onErrorResume(BytezApiException.class, (e) -> {
				log.warn("Bytez call failed: " + e.getMessage());
				return Mono.just("Sorry, the model could not answer.");
			});

		assertThat(reply.block(TIMEOUT)).isEqualTo("Busy, try again in 90s");
		assertThat(reply.block(TIMEOUT)).isEqualTo("Sorry, the model could not answer.");
		assertThat(reply.block(TIMEOUT)).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(this.stub.requests(model)).hasSize(3);
	}

	// docs/closed-models.md

	@Test
	void closedModel() {
		this.stub.script("openai/gpt-4o-mini")
			.nextCall()
			.respond(WireMock.aResponse()
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Coffee steams, code compiles\"},"
								+ "\"provider\":{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":6}}}"));

		BytezResponse response = this.bytez
			.run("openai/gpt-4o-mini", BytezInput.messages(BytezMessage.user("Write a haiku about Java")),
					BytezOptions.builder()
						.providerKey("sk-from-OPENAI_API_KEY")
						.param("max_tokens", 100)
						.param("response_format", Map.of("type", "text"))
						.build())
			.block(TIMEOUT);
		String haiku = response.outputText();
		JsonNode usage = response.provider().get("usage");

		assertThat(haiku).isEqualTo("Coffee steams, code compiles");
		assertThat(usage.get("completion_tokens").intValue()).isEqualTo(6);
		StubRequest sent = this.stub.lastRequest("openai/gpt-4o-mini");
		assertThat(sent.header("provider-key")).isEqualTo("sk-from-OPENAI_API_KEY");
		assertThat(sent.json().get("params").get("max_tokens").intValue()).isEqualTo(100);
		assertThat(sent.json().get("params").get("response_format").get("type").stringValue()).isEqualTo("text");
	}

	// docs/models-and-clusters.md

	@Test
	void catalogue() {
		Mono<List<String>> tasks = this.bytez.listTasks();
		Mono<List<BytezModelInfo>> chatModels = this.bytez.listModels("chat");
		Mono<BytezModelInfo> qwen = this.bytez.findModel("Qwen/Qwen3-4B");

		assertThat(tasks.block(TIMEOUT)).hasSize(34).contains("chat", "text-to-image");
		assertThat(chatModels.block(TIMEOUT)).extracting(BytezModelInfo::modelId).containsExactly("Qwen/Qwen3-4B");
		assertThat(qwen.block(TIMEOUT).task()).isEqualTo("chat");
		StepVerifier.create(this.bytez.findModel("acme/unknown")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void clusters() {
		BytezClusters clusters = this.bytez.clusters();
		clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(1, 1, 4), 30)
			.then(clusters.update("Qwen/Qwen3-4B", BytezClusterUpdate.capacity(BytezClusterCapacity.of(1, 2, 4))))
			.then(clusters.update("Qwen/Qwen3-4B", BytezClusterUpdate.off()))
			.then(clusters.delete("Qwen/Qwen3-4B"))
			.block();
		Mono<List<BytezCluster>> live = clusters.list();

		assertThat(live.block(TIMEOUT)).isEmpty();
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).extracting(StubRequest::method)
			.containsExactly("PUT", "PATCH", "PATCH", "DELETE");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(2, 1, 4), 30));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> clusters.create("Qwen/Qwen3-4B", BytezClusterCapacity.of(1, 1, 4), 0));
		assertThat(this.stub.requests("Qwen/Qwen3-4B")).hasSize(4);
	}

	// docs/openai-compatible.md

	@Test
	void openAiCompatible() {
		this.stub.answerText("openai/gpt-4o-mini", "Hi!");
		BytezOpenAi openAi = this.bytez.openAi();
		Mono<ChatCompletion> completion = openAi.chatCompletion(ChatCompletionRequest
			.of("Qwen/Qwen3-4B", ChatMessage.system("Be brief."), ChatMessage.user("Capital of France?"))
			.withMaxCompletionTokens(64)
			.withTemperature(0.2));

		Flux<String> tokens = openAi
			.streamChatCompletion(ChatCompletionRequest.of("Qwen/Qwen3-4B", ChatMessage.user("Hi")))
			.map(ChatCompletionChunk::content);

		Mono<Completion> text = openAi.completion(CompletionRequest.of("openai-community/gpt2", "Once upon a time"));
		Mono<ResponsesResult> answer = openAi
			.responses(ResponsesRequest.of("openai/gpt-4o-mini", "Say hi").withParam("max_output_tokens", 50));

		ChatCompletion chat = completion.block(TIMEOUT);
		assertThat(chat.content()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(chat.usage().totalTokens()).isPositive();
		assertThat(String.join("", tokens.collectList().block(TIMEOUT)))
			.isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(text.block(TIMEOUT).text()).isNotBlank();
		assertThat(answer.block(TIMEOUT).outputText()).isEqualTo("Hi!");
		assertThat(this.stub.lastRequest().json().get("max_output_tokens").intValue()).isEqualTo(50);
		JsonNode sent = this.stub.requests().get(0).json();
		assertThat(sent.get("max_completion_tokens").intValue()).isEqualTo(64);
	}

	// docs/without-boot.md

	@Test
	void withoutBoot() {
		BytezTemplate bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.webClientBuilder(
					WebClient.builder()
						.clientConnector(new ReactorClientHttpConnector(
								HttpClient.create().responseTimeout(Duration.ofMinutes(15)))))
			.retryPolicy(BytezRetryPolicy.defaults())
			.maxConcurrentRequests(4)
			.build();

		assertThat(bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("Hi"))).block(TIMEOUT).outputText())
			.isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").header("Authorization")).isEqualTo(BytezStubServer.API_KEY);
	}

	@Test
	void withoutBootPlainBuilder() {
		BytezTemplate bytez = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.webClientBuilder(WebClient.builder())
			.build();

		Mono<String> answer = bytez.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.user("Hello!")))
			.map(BytezResponse::outputText);

		assertThat(answer.block(TIMEOUT)).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

	// docs/testing.md

	@Test
	void streams(BytezStubServer stub) {
		BytezTemplate bytez = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
		assertThat(bytez.stream("openai-community/gpt2", BytezInput.text("Once")).collectList().block())
			.hasSizeGreaterThan(1);
	}

	@Test
	void startedStub() {
		try (BytezStubServer stub = BytezStubServer.start()) {
			BytezTemplate bytez = BytezTemplate.builder()
				.apiKey(BytezStubServer.API_KEY)
				.baseUrl(stub.baseUrl())
				.build();
			List<String> tasks = bytez.listTasks().block();

			assertThat(tasks).hasSize(34);
			assertThat(stub.baseUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(this.stub.baseUrl());
			assertThat(stub.requests()).hasSize(1);
		}
	}

	@Test
	void stubScripts() {
		BytezOptions once = BytezOptions.builder().noRetry().build();
		BytezInput hello = BytezInput.messages(BytezMessage.user("Hello"));

		this.stub.script("Qwen/Qwen3-4B").nextCalls(2).rateLimited(Duration.ofSeconds(1)); // 429
																							// +
																							// Retry-After:
																							// 1
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BytezRateLimitException.class)
				.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(1)));
		}
		this.stub.script("Qwen/Qwen3-4B").nextCall().rateLimited(); // 429 without
																	// Retry-After
		assertThatExceptionOfType(BytezRateLimitException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEmpty());
		assertThat(this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT).outputText())
			.isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");

		this.stub.script("Qwen/Qwen3-4B").serverError(503); // every call: 503 JSON
															// envelope
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
		this.stub.reset();

		this.stub.script().nextCall().htmlError(502); // a gateway's HTML page
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(502));

		this.stub.script("Qwen/Qwen3-4B").nextCall().error(200, "Model is loading"); // 200
																						// with
																						// an
																						// error
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorMessage()).contains("Model is loading"));

		this.stub.script("Qwen/Qwen3-4B").nextCall().delay(Duration.ofSeconds(2)); // a
																					// cold
																					// start,
																					// then
																					// the
																					// answer
		StepVerifier.create(this.bytez.run("Qwen/Qwen3-4B", hello, once).map(BytezResponse::outputText))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);

		this.stub.script("Qwen/Qwen3-4B").nextCall().connectionReset(); // also
																		// emptyResponse(),
																		// randomDataThenClose()
		assertThatExceptionOfType(BytezTransportException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT));

		this.stub.script("openai-community/gpt2").nextCall().cutMidStream(); // half the
																				// stream,
																				// then
																				// the
																				// connection
																				// closes
		StepVerifier.create(this.bytez.stream("openai-community/gpt2", BytezInput.text("Once"), once))
			.thenConsumeWhile((piece) -> true)
			.expectError(BytezTransportException.class)
			.verify(TIMEOUT);

		this.stub.script("Qwen/Qwen3-4B").nextCall().respond(WireMock.aResponse().withStatus(418)); // anything
																									// else
		assertThatExceptionOfType(BytezApiException.class)
			.isThrownBy(() -> this.bytez.run("Qwen/Qwen3-4B", hello, once).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(418));
	}

}
