package io.github.bytezspring.test.app;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import io.github.bytezspring.test.StubRequest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link Advisor} as a user would: the application against the stub, through
 * {@link AutoConfigureBytezStub}, asserting both the result and what the stub received.
 */
@SpringBootTest(properties = { "bytez.retry.initial-backoff=5ms", "bytez.base-url=http://127.0.0.1:9" })
@AutoConfigureBytezStub
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdviceApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static BytezStubServer firstStub;

	@Autowired
	private Advisor advisor;

	@Autowired
	private BytezStubServer stub;

	@Autowired
	private Environment environment;

	@Autowired
	private BytezConnectionDetails connectionDetails;

	@Test
	@Order(1)
	void answersWithTheModelAndSendsWhatTheServiceAsked() {
		firstStub = this.stub;
		StepVerifier.create(this.advisor.advise("What is the capital of England?"))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
		StubRequest request = this.stub.lastRequest(Advisor.CHAT_MODEL);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/models/v2/Qwen/Qwen3-4B");
		assertThat(request.header("Authorization")).isEqualTo(BytezStubServer.API_KEY);
		JsonNode body = request.json();
		assertThat(body.get("messages").get(0).get("role").stringValue()).isEqualTo("system");
		assertThat(body.get("messages").get(1).get("content").stringValue())
			.isEqualTo("What is the capital of England?");
		assertThat(body.get("params").get("max_new_tokens").intValue()).isEqualTo(64);
		// left for the next test, which must not see it
		this.stub.script(Advisor.CHAT_MODEL).serverError(500);
	}

	@Test
	@Order(2)
	void eachTestStartsWithAFreshStubOfTheSameContext() {
		assertThat(this.stub).isSameAs(firstStub);
		assertThat(this.stub.requests()).isEmpty();
		StepVerifier.create(this.advisor.advise("Still there?"))
			.expectNext(" Aaaaaaaargh matey\nÀ bientôt — 🦜")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void theStubIsTheConfiguredBytezApi() {
		assertThat(this.connectionDetails.getBaseUrl()).isEqualTo(this.stub.baseUrl());
		assertThat(this.connectionDetails.getApiKey()).isEqualTo(BytezStubServer.API_KEY);
		// the stub wins over any configured address and key, which stay as they are
		assertThat(this.environment.getProperty("bytez.base-url")).isEqualTo("http://127.0.0.1:9");
		assertThat(this.stub.baseUrl()).startsWith("http://127.0.0.1:");
	}

	@Test
	void aRateLimitIsRetriedAndSucceeds() {
		this.stub.answerText(Advisor.CHAT_MODEL, "Patience pays.");
		this.stub.script(Advisor.CHAT_MODEL).nextCall().rateLimited(Duration.ofMillis(20));
		StepVerifier.create(this.advisor.advise("Now?")).expectNext("Patience pays.").expectComplete().verify(TIMEOUT);
		List<StubRequest> requests = this.stub.requests(Advisor.CHAT_MODEL);
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body());
	}

	@Test
	void rateLimitsBeyondTheRetriesReachTheService() {
		this.stub.script(Advisor.CHAT_MODEL).rateLimited();
		StepVerifier.create(this.advisor.advise("Now?"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BytezRateLimitException.class)
				.hasMessageContaining("gave up after 4 attempts"))
			.verify(TIMEOUT);
		assertThat(this.stub.requests(Advisor.CHAT_MODEL)).hasSize(4);
	}

	@Test
	void storiesStreamPieceByPiece() {
		this.stub.streamPacing(StreamPacing.chunks(6).every(Duration.ofMillis(10)));
		StepVerifier.create(this.advisor.story("Once upon a time").collectList()).assertNext((pieces) -> {
			assertThat(pieces).hasSizeGreaterThan(1);
			assertThat(String.join("", pieces)).isEqualTo(this.stub.exampleText("text-generation"));
		}).expectComplete().verify(TIMEOUT);
		JsonNode body = this.stub.lastRequest(Advisor.STORY_MODEL).json();
		assertThat(body.get("stream").booleanValue()).isTrue();
		assertThat(body.get("text").stringValue()).isEqualTo("Once upon a time");
	}

	@Test
	void mediaStreamsAsRawBytes() {
		String model = this.stub.exampleModel("text-to-speech");
		WebClient client = WebClient.create(this.stub.baseUrl());
		StepVerifier.create(client.post()
			.uri("/models/v2/" + model)
			.header("Authorization", BytezStubServer.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"Hello\",\"json\":false}")
			.exchangeToMono((response) -> {
				assertThat(response.headers().contentType()).contains(MediaType.parseMediaType("audio/wav"));
				return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class)).map((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return bytes;
				});
			}))
			.assertNext((bytes) -> assertThat(bytes).isEqualTo(this.stub.media(model)).startsWith('R', 'I', 'F', 'F'))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void openAiChatStreamsServerSentEvents() {
		WebClient client = WebClient.create(this.stub.baseUrl());
		JsonMapper mapper = JsonMapper.builder().build();
		StepVerifier.create(client.post()
			.uri("/models/v2/openai/v1/chat/completions")
			.header("Authorization", "Bearer " + BytezStubServer.API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"model\":\"Qwen/Qwen3-4B\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.map(ServerSentEvent::data)
			.collectList()).assertNext((data) -> {
				assertThat(data).last().isEqualTo("[DONE]");
				StringBuilder text = new StringBuilder();
				data.subList(0, data.size() - 1)
					.forEach((chunk) -> text.append(
							mapper.readTree(chunk).get("choices").get(0).get("delta").path("content").asString("")));
				assertThat(text).hasToString(" Aaaaaaaargh matey\nÀ bientôt — 🦜");
			}).expectComplete().verify(TIMEOUT);
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").header("Authorization")).isEqualTo("Bearer stub-key");
	}

}
