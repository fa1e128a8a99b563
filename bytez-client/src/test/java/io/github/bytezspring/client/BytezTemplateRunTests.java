package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezConnectException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.error.BytezServerException;
import io.github.bytezspring.client.error.BytezTimeoutException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BytezTemplateRunTests {

	/**
	 * The broken connections these tests provoke: captured instead of printed, each
	 * checked after the test.
	 */
	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(CapturedLogs.NETTY_CONNECTION_LOGGER)
		.expecting(Level.WARN, CapturedLogs.NETTY_CONNECTION_ERROR);

	static final String KEY = "bz-test-4f9d2c7e1a6b3d8f0e5c";

	static final String CHAT = "/models/v2/Qwen/Qwen3-4B";

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	// retries are off here so that each test sees exactly one exchange; BytezRetryTests
	// covers them
	private BytezTemplate template() {
		return builder().build();
	}

	private static BytezTemplateBuilder builder() {
		return BytezTemplate.builder().apiKey(KEY).baseUrl(bytez.baseUrl()).retryPolicy(BytezRetryPolicy.none());
	}

	@Test
	void runSendsKeyHeadersAndAJsonBodyWithoutNullsAndReadsTheOutput() {
		bytez.stubFor(post(CHAT).willReturn(
				okJson("{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Aaaaaaaargh matey\"}}")));
		BytezOptions options = BytezOptions.builder().maxNewTokens(20).temperature(0.5).build();

		BytezResponse response = template()
			.run("Qwen/Qwen3-4B", BytezInput.messages(BytezMessage.system("Be a pirate"), BytezMessage.user("Hi")),
					options)
			.block(Duration.ofSeconds(5));

		assertThat(response.outputText()).isEqualTo("Aaaaaaaargh matey");
		assertThat(response.outputAs(BytezMessage.class)).isEqualTo(BytezMessage.assistant("Aaaaaaaargh matey"));
		assertThat(response.provider()).isNull();
		bytez.verify(1,
				postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", equalTo(KEY))
					.withHeader("lang", equalTo("java"))
					.withHeader("User-Agent", equalTo("bytez-spring-boot/0.1.0-SNAPSHOT"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("provider-key", absent())
					.withRequestBody(equalToJson("""
							{"messages":[{"role":"system","content":"Be a pirate"},{"role":"user","content":"Hi"}],
							 "params":{"max_new_tokens":20,"temperature":0.5}}""", false, false)));
	}

	@Test
	void everyInputShapeIsSentUnderItsWireName() {
		bytez
			.stubFor(post(urlPathEqualTo("/models/v2/org/model")).willReturn(okJson("{\"error\":null,\"output\":[]}")));
		BytezTemplate template = template();

		template.run("org/model", BytezInput.text("Hello")).block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.url("https://example.com/cat.jpg").withQuestion("What is it?"))
			.block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.question("Who?", "Ann wrote it.")).block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.text("great film").withCandidateLabels("positive", "negative"))
			.block(Duration.ofSeconds(5));
		template
			.run("org/model", BytezInput.base64(new byte[] { 1, 2, 3 }, org.springframework.http.MediaType.IMAGE_PNG))
			.block(Duration.ofSeconds(5));
		template.run("org/model", BytezInput.none()).block(Duration.ofSeconds(5));

		List<String> bodies = new ArrayList<>(
				bytez.getAllServeEvents().stream().map((event) -> event.getRequest().getBodyAsString()).toList());
		Collections.reverse(bodies);
		assertThat(bodies).containsExactly("{\"text\":\"Hello\"}",
				"{\"url\":\"https://example.com/cat.jpg\",\"question\":\"What is it?\"}",
				"{\"question\":\"Who?\",\"context\":\"Ann wrote it.\"}",
				"{\"text\":\"great film\",\"candidate_labels\":[\"positive\",\"negative\"]}",
				"{\"base64\":\"data:image/png;base64,AQID\"}", "{}");
	}

	@Test
	void aKeyThatCarriesASchemeIsSentAsIs() {
		bytez.stubFor(post(CHAT).willReturn(okJson("{\"error\":null,\"output\":\"ok\"}")));
		BytezTemplate template = builder().apiKey("Key " + KEY).build();

		template.run("Qwen/Qwen3-4B", BytezInput.text("x")).block(Duration.ofSeconds(5));

		bytez.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", equalTo("Key " + KEY)));
	}

	@Test
	void theProviderKeyComesFromTheCallElseFromTheTemplate() {
		bytez.stubFor(post("/models/v2/openai/gpt-4o-mini").willReturn(okJson(
				"{\"error\":null,\"output\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"provider\":{\"id\":\"chatcmpl-1\",\"usage\":{\"total_tokens\":9}}}")));
		BytezTemplate template = builder().providerKey("sk-default-provider").build();

		BytezResponse viaDefault = template.run("openai/gpt-4o-mini", BytezInput.text("a"))
			.block(Duration.ofSeconds(5));
		template
			.run("openai/gpt-4o-mini", BytezInput.text("b"),
					BytezOptions.builder().providerKey("sk-per-call").param("max_tokens", 5).build())
			.block(Duration.ofSeconds(5));

		assertThat(viaDefault.provider().get("usage").get("total_tokens").asInt()).isEqualTo(9);
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/gpt-4o-mini"))
			.withHeader("provider-key", equalTo("sk-default-provider"))
			.withRequestBody(equalToJson("{\"text\":\"a\"}", false, false)));
		bytez.verify(postRequestedFor(urlEqualTo("/models/v2/openai/gpt-4o-mini"))
			.withHeader("provider-key", equalTo("sk-per-call"))
			.withRequestBody(equalToJson("{\"text\":\"b\",\"params\":{\"max_tokens\":5}}", false, false)));
	}

	record Label(String label, double score) {
	}

	@Test
	void outputConvertsToTheCallersTypes() {
		bytez.stubFor(post("/models/v2/google/vit-base-patch16-224").willReturn(okJson(
				"{\"error\":null,\"output\":[{\"label\":\"beagle\",\"score\":0.54},{\"label\":\"Egyptian cat\",\"score\":0.13}]}")));

		BytezResponse response = template()
			.run("google/vit-base-patch16-224", BytezInput.url("https://example.com/pets.jpg"))
			.block(Duration.ofSeconds(5));

		assertThat(response.outputAs(new TypeReference<List<Label>>() {
		})).containsExactly(new Label("beagle", 0.54), new Label("Egyptian cat", 0.13));
		assertThatIllegalStateException().isThrownBy(response::outputText).withMessageContaining("not text");
		assertThatIllegalArgumentException().isThrownBy(() -> response.outputAs(Label.class))
			.withMessageContaining(Label.class.getName());
	}

	@Test
	void listModelsListTasksAndTheTaskFilter() {
		bytez.stubFor(get("/models/v2/list/models").willReturn(okJson("""
				{"error":null,"output":[{"modelId":"Qwen/Qwen3-4B","task":"chat","params":4.02,"ramRequired":16,
				"meter":"sm-free","meterPrice":"0.0006478333 / sec","somethingNew":true}]}""")));
		bytez.stubFor(
				get("/models/v2/list/models?task=text-to-image").willReturn(okJson("{\"error\":null,\"output\":[]}")));
		bytez.stubFor(get("/models/v2/list/tasks")
			.willReturn(okJson("{\"error\":null,\"output\":[\"chat\",\"text-generation\"]}")));
		BytezTemplate template = template();

		StepVerifier.create(template.listModels())
			.expectNext(
					List.of(new BytezModelInfo("Qwen/Qwen3-4B", "chat", 4.02, 16.0, "sm-free", "0.0006478333 / sec")))
			.verifyComplete();
		StepVerifier.create(template.listModels("text-to-image")).expectNext(List.of()).verifyComplete();
		StepVerifier.create(template.listTasks()).expectNext(List.of("chat", "text-generation")).verifyComplete();
		bytez.stubFor(get("/models/v2/list/models?task=chat").willReturn(okJson("{\"error\":null,\"output\":[42]}")));
		StepVerifier.create(template.listModels("chat"))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("output list cannot be read"));
		bytez.verify(getRequestedFor(urlEqualTo("/models/v2/list/models?task=text-to-image"))
			.withHeader("Authorization", equalTo(KEY)));
	}

	@Test
	void badInputFailsBeforeAnyRequestAndNothingIsSentUntilSubscribed() {
		BytezTemplate template = template();

		assertThatIllegalArgumentException().isThrownBy(() -> template.run("gpt2", BytezInput.text("x")))
			.withMessageContaining("exactly one '/'");
		assertThatIllegalArgumentException().isThrownBy(() -> template.run("org/model", null))
			.withMessageContaining("input");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template.run("org/model", BytezInput.text("x"), (BytezOptions) null))
			.withMessageContaining("options");
		assertThatIllegalArgumentException().isThrownBy(() -> template.stream("../x", BytezInput.text("x")))
			.withMessageContaining("'..'");
		assertThatIllegalArgumentException().isThrownBy(() -> template.listModels("chat&x=1"))
			.withMessageContaining("task");
		template.run("org/model", BytezInput.text("never subscribed"));
		template.stream("org/model", BytezInput.text("never subscribed"));

		assertThat(bytez.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"401|{\"error\":\"Unauthorized\",\"output\":null}|BytezAuthenticationException|Unauthorized",
			"403|{\"error\":\"Forbidden\",\"output\":null}|BytezAuthenticationException|Forbidden",
			"429|{\"error\":\"Rate limit exceeded\",\"output\":null}|BytezRateLimitException|Rate limit exceeded",
			"400|{\"error\":\"Missing text\",\"output\":null}|BytezApiException|Missing text",
			"404|{\"error\":{\"message\":\"Model not found\"}}|BytezApiException|Model not found",
			"500|{\"error\":\"Boom\",\"output\":null}|BytezServerException|Boom",
			"502|<html><body><h1>502 Bad Gateway</h1></body></html>|BytezServerException|<h1>502 Bad Gateway</h1>",
			"503||BytezServerException|(empty)" })
	void errorStatusesBecomeTypedExceptions(int status, String body, String type, String quoted) {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withStatus(status).withBody((body != null) ? body : "")));

		StepVerifier.create(template().run("Qwen/Qwen3-4B", BytezInput.text("x"))).verifyErrorSatisfies((error) -> {
			assertThat(error.getClass().getSimpleName()).isEqualTo(type);
			BytezApiException apiError = (BytezApiException) error;
			assertThat(apiError.getStatusCode()).isEqualTo(status);
			assertThat(apiError.getModelId()).isEqualTo("Qwen/Qwen3-4B");
			assertThat(apiError.getOperation()).isEqualTo(BytezOperation.RUN);
			assertThat(apiError.getMessage()).startsWith("Bytez run of 'Qwen/Qwen3-4B' failed with HTTP " + status)
				.contains(quoted);
		});
	}

	@Test
	void rateLimitExceptionsCarryRetryAfter() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "7")
			.withBody("{\"error\":\"Rate limit exceeded\",\"output\":null}")));

		StepVerifier.create(template().run("Qwen/Qwen3-4B", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(((BytezRateLimitException) error).retryAfter())
				.contains(Duration.ofSeconds(7)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"error\":\"Model is loading\",\"output\":null}|BytezApiException|Model is loading",
					"|BytezInvalidResponseException|with an empty body",
					"<!DOCTYPE html><html><title>Oops</title></html>|BytezInvalidResponseException|not JSON",
					"{\"output\": [1, 2|BytezInvalidResponseException|not JSON",
					"[1, 2]|BytezInvalidResponseException|not a JSON object",
					"{\"result\":1}|BytezInvalidResponseException|without an 'output' field" })
	void badAnswersWithStatus200BecomeTypedExceptions(String body, String type, String problem) {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody((body != null) ? body : "")));

		StepVerifier.create(template().run("Qwen/Qwen3-4B", BytezInput.text("x"))).verifyErrorSatisfies((error) -> {
			assertThat(error.getClass().getSimpleName()).isEqualTo(type);
			assertThat(((BytezApiException) error).getStatusCode()).isEqualTo(200);
			assertThat(error.getMessage()).contains(problem);
		});
	}

	@Test
	void theKeysNeverAppearInExceptionMessagesEvenWhenTheServerEchoesThem() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withStatus(401)
			.withBody("{\"error\":\"Invalid key " + KEY + " for provider sk-provider-secret-99\",\"output\":null}")));
		BytezTemplate template = builder().apiKey("Bearer " + KEY).providerKey("sk-provider-secret-99").build();

		StepVerifier.create(template.run("Qwen/Qwen3-4B", BytezInput.text("x"))).verifyErrorSatisfies((error) -> {
			assertThat(error.getMessage()).doesNotContain(KEY)
				.doesNotContain("sk-provider-secret-99")
				.contains("******");
			assertThat(((BytezApiException) error).getErrorMessage()).isNotNull();
		});
		assertThat(template.toString()).doesNotContain(KEY);
	}

	@Test
	void aRefusedConnectionIsABytezConnectException() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		BytezTemplate template = builder().baseUrl("http://127.0.0.1:" + closedPort).build();

		StepVerifier.create(template.listTasks())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezConnectException.class)
				.hasMessageStartingWith("Bytez list-tasks could not connect to Bytez")
				.hasMessageNotContaining(KEY))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aResetConnectionIsABytezTransportException() {
		bytez.stubFor(post(CHAT).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		StepVerifier.create(template().run("Qwen/Qwen3-4B", BytezInput.text("x")))
			.expectErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezTransportException.class)
				.hasMessageStartingWith("Bytez run of 'Qwen/Qwen3-4B' failed: "))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void noAnswerWithinTheResponseTimeoutIsABytezTimeoutException() {
		bytez.stubFor(post(CHAT).willReturn(okJson("{\"error\":null,\"output\":\"late\"}").withFixedDelay(3000)));
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(
					new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofMillis(300))));
		BytezTemplate template = builder().webClientBuilder(webClient).build();

		StepVerifier.create(template.run("Qwen/Qwen3-4B", BytezInput.text("x")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezTimeoutException.class)
				.hasMessageContaining("(responseTimeout)"))
			.verify(Duration.ofSeconds(2));
	}

	@Test
	void anAnswerLargerThanMaxInMemorySizeIsRejectedClearly() {
		bytez.stubFor(post(CHAT).willReturn(okJson("{\"error\":null,\"output\":\"" + "x".repeat(4096) + "\"}")));
		BytezTemplate template = builder().maxInMemorySize(DataSize.ofBytes(1024)).build();

		StepVerifier.create(template.run("Qwen/Qwen3-4B", BytezInput.text("x")))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("larger than maxInMemorySize"));
	}

}
