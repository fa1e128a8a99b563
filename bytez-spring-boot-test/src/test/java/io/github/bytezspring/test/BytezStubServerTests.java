package io.github.bytezspring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.reactive.function.client.ClientRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BytezStubServer}, driven by a real {@link BytezTemplate}.
 */
class BytezStubServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	private static final String TEXT_MODEL = "openai-community/gpt2";

	private static final String IMAGE_MODEL = "google/vit-base-patch16-224";

	private static BytezStubServer stub;

	private static BytezTemplate template;

	@BeforeAll
	static void startStub() {
		stub = BytezStubServer.start();
		template = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@BeforeEach
	void resetStub() {
		stub.reset();
	}

	@Test
	void listensOnLoopbackAtAFreePort() {
		assertThat(stub.port()).isPositive();
		assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port());
	}

	@Test
	void everyStreamedTextBeginsWithASpaceAndHoldsALineBreakAndMultiByteCharacters() {
		List<String> streaming = List.of("chat", "text-generation", "text2text-generation", "summarization",
				"translation", "image-text-to-text", "audio-text-to-text");
		for (String task : streaming) {
			String text = stub.exampleText(task);
			assertThat(text).as(task).startsWith(" ").contains("\n").endsWith("\nÀ bientôt — 🦜");
			assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(task)
				.hasSizeGreaterThan(text.length());
		}
		String streamed = String.join("",
				template.stream(TEXT_MODEL, BytezInput.text("Once")).collectList().block(TIMEOUT));
		assertThat(streamed).isEqualTo(stub.exampleText("text-generation"));
		assertThat(stub.exampleText("automatic-speech-recognition")).as("a transcript, not a stream").isEqualTo("Down");
	}

	@Test
	void anEmbeddingHasAsManyNumbersAsItsModelHasDimensions() {
		JsonNode miniLm = template.run("sentence-transformers/all-MiniLM-L6-v2", BytezInput.text("Hi"))
			.block(TIMEOUT)
			.output();
		JsonNode nomic = template.run("nomic-ai/nomic-embed-text-v1.5", BytezInput.text("Hi")).block(TIMEOUT).output();
		assertThat(miniLm).hasSize(384);
		assertThat(nomic).hasSize(768);
		double squares = 0;
		for (JsonNode number : miniLm) {
			squares += number.doubleValue() * number.doubleValue();
		}
		assertThat(squares).as("a unit vector").isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(miniLm.get(0).doubleValue()).isNotEqualTo(miniLm.get(1).doubleValue());
	}

	@Test
	void runChatAnswersTheSpecExample() {
		StepVerifier.create(template.run(CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hello there"))))
			.assertNext((response) -> {
				assertThat(response.outputText()).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
				assertThat(response.output()).isEqualTo(stub.exampleOutput("chat"));
				assertThat(response.output().get("role").stringValue()).isEqualTo("assistant");
				assertThat(response.provider()).isNull();
			})
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/models/v2/Qwen/Qwen3-4B");
			assertThat(request.query()).isNull();
			assertThat(request.header("authorization")).isEqualTo(BytezStubServer.API_KEY);
			assertThat(request.header("Content-Type")).startsWith("application/json");
			JsonNode body = request.json();
			assertThat(body.get("messages").get(0).get("role").stringValue()).isEqualTo("user");
			assertThat(body.get("messages").get(0).get("content").stringValue()).isEqualTo("Hello there");
			assertThat(body.has("stream")).isFalse();
		});
	}

	@Test
	void runTextGenerationWithoutStreamAnswersJson() {
		StepVerifier
			.create(template.run(TEXT_MODEL, BytezInput.text("Once upon a time")).map(BytezResponse::outputText))
			.expectNext(stub.exampleText("text-generation"))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(stub.exampleText("text-generation")).startsWith(" Once upon a time there was a beautiful home");
	}

	@Test
	void runImageClassificationAnswersTheSpecLabels() {
		String image = "https://www.padoniavets.com/sites/default/files/field/image/cats-and-dogs.jpg";
		StepVerifier.create(template.run(IMAGE_MODEL, BytezInput.url(image))
			.map((response) -> response.outputAs(new TypeReference<List<Label>>() {
			}))).assertNext((labels) -> {
				assertThat(labels).hasSize(5);
				assertThat(labels.get(0)).isEqualTo(new Label("beagle", 0.5398777723312378));
				assertThat(labels.get(1).label()).isEqualTo("Egyptian cat");
			}).expectComplete().verify(TIMEOUT);
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/models/v2/google/vit-base-patch16-224");
			assertThat(request.json().get("url").stringValue()).isEqualTo(image);
		});
	}

	@Test
	void streamTextGenerationDeliversTheExampleTextInSeveralChunks() {
		StepVerifier.create(template.stream(TEXT_MODEL, BytezInput.text("Once upon a time")).collectList())
			.assertNext((chunks) -> {
				assertThat(chunks).hasSizeGreaterThan(1);
				assertThat(String.join("", chunks)).isEqualTo(stub.exampleText("text-generation"));
			})
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/models/v2/openai-community/gpt2");
			assertThat(request.json().get("stream").booleanValue()).isTrue();
			assertThat(request.json().get("text").stringValue()).isEqualTo("Once upon a time");
		});
	}

	@Test
	void streamChatDeliversTheMessageContent() {
		StepVerifier.create(template.stream(CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hi"))).collectList())
			.assertNext((chunks) -> {
				assertThat(chunks).hasSizeGreaterThan(1);
				assertThat(String.join("", chunks)).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void streamOfATaskWithoutTextAnswersTheJsonEnvelope() throws Exception {
		HttpResponse<String> response = post("/models/v2/google/vit-base-patch16-224",
				"{\"url\":\"https://example.com/a.jpg\",\"stream\":true}", BytezStubServer.API_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).startsWith("{\"error\":null,\"output\":[{\"label\":\"beagle\"");
	}

	@Test
	void streamAnswersChunkedPlainText() throws Exception {
		HttpResponse<String> response = post("/models/v2/openai-community/gpt2", "{\"text\":\"Once\",\"stream\":true}",
				BytezStubServer.API_KEY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
		assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
		assertThat(response.headers().firstValue("Content-Length")).isEmpty();
		assertThat(response.body()).isEqualTo(stub.exampleText("text-generation"));
	}

	@Test
	void streamChunksChangesHowAStreamIsSplit() {
		try {
			stub.streamChunks(1, Duration.ZERO);
			StepVerifier.create(template.stream(TEXT_MODEL, BytezInput.text("Once")).collectList())
				.assertNext(
						(chunks) -> assertThat(String.join("", chunks)).isEqualTo(stub.exampleText("text-generation")))
				.expectComplete()
				.verify(TIMEOUT);
			stub.streamChunks(3, Duration.ofMillis(150));
			StepVerifier.create(template.stream(TEXT_MODEL, BytezInput.text("Once")).collectList())
				.assertNext((chunks) -> {
					// a chunk may reach the client in two reads; chunks 50ms apart never
					// arrive as one
					assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
					assertThat(String.join("", chunks)).isEqualTo(stub.exampleText("text-generation"));
				})
				.expectComplete()
				.verify(TIMEOUT);
		}
		finally {
			stub.streamChunks(BytezStubServer.DEFAULT_STREAM_CHUNKS, BytezStubServer.DEFAULT_STREAM_DURATION);
		}
	}

	@Test
	void streamChunksRejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> stub.streamChunks(0, Duration.ofMillis(10)))
			.withMessageContaining("count");
		assertThatIllegalArgumentException().isThrownBy(() -> stub.streamChunks(2, Duration.ofMillis(-1)))
			.withMessageContaining("total");
		assertThatIllegalArgumentException().isThrownBy(() -> stub.streamChunks(2, null))
			.withMessageContaining("total");
	}

	@Test
	void listTasksAnswersTheLoadedTasks() {
		StepVerifier.create(template.listTasks())
			.assertNext((tasks) -> assertThat(tasks).hasSize(34)
				.contains("chat", "image-classification", "summarization", "text-generation", "text-to-video")
				.isSorted())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(stub.tasks()).hasSize(34).contains("chat", "translation");
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/models/v2/list/tasks");
			assertThat(request.header("Authorization")).isEqualTo(BytezStubServer.API_KEY);
		});
	}

	@Test
	void listModelsOfATaskAnswersItsExampleModel() {
		StepVerifier.create(template.listModels("chat"))
			.expectNext(List.of(new BytezModelInfo("Qwen/Qwen3-4B", "chat", 1.0, 4.0, "sm-free", "0.0006478333 / sec")))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/models/v2/list/models");
			assertThat(request.query()).isEqualTo("task=chat");
		});
	}

	@Test
	void listModelsAnswersOneModelPerTask() {
		StepVerifier.create(template.listModels()).assertNext((models) -> {
			assertThat(models).hasSize(34);
			assertThat(models).extracting(BytezModelInfo::modelId)
				.contains("Qwen/Qwen3-4B", "google/vit-base-patch16-224", "ainize/bart-base-cnn",
						"openai-community/gpt2", "dreamlike-art/dreamlike-photoreal-2.0")
				.doesNotHaveDuplicates();
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void listModelsOfAnUnknownTaskAnswersNone() {
		StepVerifier.create(template.listModels("no-such-task")).expectNext(List.of()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void listModelsFiltersByModelId() throws Exception {
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create(stub.baseUrl() + "/models/v2/list/models?modelId=facebook/detr-resnet-50"))
			.header("Authorization", BytezStubServer.API_KEY)
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode output = new tools.jackson.databind.json.JsonMapper().readTree(response.body()).get("output");
		assertThat(output).hasSize(1);
		assertThat(output.get(0).get("task").stringValue()).isEqualTo("object-detection");
		HttpResponse<String> both = send(HttpRequest
			.newBuilder(URI.create(stub.baseUrl() + "/models/v2/list/models?task=chat&modelId=facebook/detr-resnet-50"))
			.header("Authorization", BytezStubServer.API_KEY)
			.build());
		assertThat(both.body()).isEqualTo("{\"error\":null,\"output\":[]}");
		assertThat(stub.lastRequest().query()).isEqualTo("task=chat&modelId=facebook/detr-resnet-50");
	}

	@Test
	void missingAuthorizationAnswers401() throws Exception {
		HttpResponse<String> run = post("/models/v2/Qwen/Qwen3-4B", "{\"messages\":[]}", null);
		assertThat(run.statusCode()).isEqualTo(401);
		assertThat(run.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(run.body()).isEqualTo("{\"error\":\"Unauthorized\",\"output\":null}");
		HttpResponse<String> list = send(
				HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models/v2/list/tasks")).GET().build());
		assertThat(list.statusCode()).isEqualTo(401);
		assertThat(list.body()).isEqualTo("{\"error\":\"Unauthorized\",\"output\":null}");
		assertThat(stub.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.header("Authorization")).isNull());
	}

	@Test
	void anyNonEmptyAuthorizationIsAccepted() {
		BytezTemplate other = BytezTemplate.builder().apiKey("Key something-else").baseUrl(stub.baseUrl()).build();
		StepVerifier.create(other.listTasks()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(stub.requests()).singleElement()
			.satisfies((request) -> assertThat(request.header("Authorization")).isEqualTo("Key something-else"));
	}

	@Test
	void emptyOrMissingAuthorizationFailsTheClientWithAnAuthenticationException() throws Exception {
		HttpResponse<String> response = post("/models/v2/Qwen/Qwen3-4B", "{}", " ");
		assertThat(response.statusCode()).isEqualTo(401);
		BytezTemplate anonymous = BytezTemplate.builder()
			.apiKey("ignored")
			.baseUrl(stub.baseUrl())
			.webClientCustomizer((builder) -> builder.filter((request, next) -> next
				.exchange(ClientRequest.from(request).headers((headers) -> headers.remove("Authorization")).build())))
			.build();
		StepVerifier.create(anonymous.listTasks())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezAuthenticationException.class)
				.satisfies((auth) -> assertThat(((BytezApiException) auth).getStatusCode()).isEqualTo(401)))
			.verify(TIMEOUT);
	}

	@Test
	void unknownModelAnswers404() {
		StepVerifier.create(template.run("acme/unknown", BytezInput.text("hi"))).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(BytezApiException.class);
			BytezApiException api = (BytezApiException) ex;
			assertThat(api.getStatusCode()).isEqualTo(404);
			assertThat(api.getErrorMessage()).contains("example models");
		}).verify(TIMEOUT);
	}

	@Test
	void ownStubsWinOverTheCannedAnswers() {
		StubMapping rejected = stub.wireMock()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo("/models/v2/Qwen/Qwen3-4B"))
				.willReturn(WireMock.aResponse()
					.withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":\"Bad request\",\"output\":null}")));
		try {
			StepVerifier.create(template.run(CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hi"))))
				.expectErrorSatisfies((ex) -> {
					assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(400);
					assertThat(((BytezApiException) ex).getErrorMessage()).isEqualTo("Bad request");
				})
				.verify(TIMEOUT);
		}
		finally {
			stub.wireMock().removeStub(rejected);
		}
	}

	@Test
	void exampleAccessorsRejectUnknownTasks() {
		assertThat(stub.exampleModel("summarization")).isEqualTo("ainize/bart-base-cnn");
		assertThat(stub.exampleText("image-classification")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> stub.exampleOutput("no-such-task"))
			.withMessageContaining("no-such-task");
	}

	@Test
	void exampleOutputIsACopy() {
		((ObjectNode) stub.exampleOutput("chat")).put("content", "changed");
		assertThat(stub.exampleText("chat")).isEqualTo(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
	}

	@Test
	void closeTwiceIsHarmless() {
		BytezStubServer other = BytezStubServer.start();
		other.close();
		other.close();
		assertThat(other.wireMock().isRunning()).isFalse();
	}

	@Test
	void aClientThatSendsItsNextRequestOnceItHasAnAnswerIsNeverCountedTwice() throws Exception {
		// two clients in turn, so that each request arrives on another connection than
		// the answer just read, the moment that answer has ended: the stub's own
		// thread may not be done with the previous request yet
		HttpClient first = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpClient second = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		stub.streamChunks(3, Duration.ofMillis(15));
		stub.resetRequests();
		for (int i = 0; i < 300; i++) {
			boolean stream = (i % 3 == 0);
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(stub.baseUrl() + ((stream) ? "/models/v2/openai-community/gpt2"
						: "/models/v2/sentence-transformers/all-MiniLM-L6-v2")))
				.header("Content-Type", "application/json")
				.header("Authorization", BytezStubServer.API_KEY)
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hi\",\"stream\":" + stream + "}"))
				.build();
			HttpResponse<String> response = ((i % 2 == 0) ? first : second).send(request,
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isNotEmpty();
		}
		assertThat(stub.requests()).hasSize(300);
		assertThat(stub.maxConcurrentRequests()).isEqualTo(1);
	}

	private static HttpResponse<String> post(String path, String json, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	record Label(String label, double score) {
	}

}
