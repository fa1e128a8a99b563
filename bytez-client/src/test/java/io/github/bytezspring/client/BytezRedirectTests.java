package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.CompletionRequest;
import io.github.bytezspring.client.openai.ResponsesRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No credential follows a redirect: a 3xx answer to any call is an invalid response
 * naming the status and where it pointed, sent once and never retried, and the host it
 * points to receives nothing, with the plain {@code WebClient.Builder} a user hands the
 * template builder.
 */
class BytezRedirectTests {

	static final String KEY = "redirect-test-key-51c0";

	static final String PROVIDER_KEY = "redirect-provider-key-7e2d";

	private ScriptedHttpServer elsewhere;

	@BeforeEach
	void start() throws IOException {
		this.elsewhere = ScriptedHttpServer.counting();
	}

	@AfterEach
	void stop() throws IOException {
		this.elsewhere.close();
	}

	/** Where a redirect points. */
	enum Target {

		OTHER_PORT {
			@Override
			String location(ScriptedHttpServer elsewhere) {
				return "http://127.0.0.1:" + elsewhere.port() + "/models/v2/org/model";
			}

			@Override
			String named(ScriptedHttpServer elsewhere) {
				return "host 127.0.0.1:" + elsewhere.port() + " (http)";
			}
		},

		OTHER_HOST {
			@Override
			String location(ScriptedHttpServer elsewhere) {
				return "http://localhost:" + elsewhere.port() + "/steal?key=" + KEY;
			}

			@Override
			String named(ScriptedHttpServer elsewhere) {
				return "host localhost:" + elsewhere.port() + " (http)";
			}
		},

		SAME_ORIGIN {
			@Override
			String location(ScriptedHttpServer elsewhere) {
				return "/models/v2/elsewhere";
			}

			@Override
			String named(ScriptedHttpServer elsewhere) {
				return "a path on the same host";
			}
		};

		abstract String location(ScriptedHttpServer elsewhere);

		abstract String named(ScriptedHttpServer elsewhere);

	}

	/** Every operation of the template that sends the keys. */
	enum Call {

		RUN((template) -> template.run("org/model", BytezInput.text("Hi"))),
		STREAM((template) -> template.stream("org/model", BytezInput.text("Hi"))),
		STREAM_MEDIA((template) -> template.streamMedia("org/model", BytezInput.text("Hi"), BytezOptions.defaults())),
		LIST_MODELS(BytezTemplate::listModels), LIST_TASKS(BytezTemplate::listTasks),
		FIND_MODEL((template) -> template.findModel("org/model")),
		REQUEST_MODEL((template) -> template.requestModel("org/model")),
		CLUSTERS((template) -> template.clusters().list()),
		CHAT((template) -> template.openAi()
			.chatCompletion(ChatCompletionRequest.of("org/model", ChatMessage.user("Hi")))),
		STREAM_CHAT((template) -> template.openAi()
			.streamChatCompletion(ChatCompletionRequest.of("org/model", ChatMessage.user("Hi")))),
		COMPLETION((template) -> template.openAi().completion(CompletionRequest.of("org/model", "Hi"))),
		STREAM_COMPLETION((template) -> template.openAi().streamCompletion(CompletionRequest.of("org/model", "Hi"))),
		RESPONSES((template) -> template.openAi().responses(ResponsesRequest.of("org/model", "Hi"))),
		STREAM_RESPONSES((template) -> template.openAi().streamResponses(ResponsesRequest.of("org/model", "Hi")));

		private final Function<BytezTemplate, Publisher<?>> call;

		Call(Function<BytezTemplate, Publisher<?>> call) {
			this.call = call;
		}

	}

	static Stream<Arguments> everyRedirectStatusToEveryTarget() {
		return Stream.of(301, 302, 303, 307, 308)
			.flatMap((status) -> Stream.of(Target.values()).map((target) -> Arguments.of(status, target)));
	}

	@ParameterizedTest
	@MethodSource("everyRedirectStatusToEveryTarget")
	void aRedirectOfARunIsAnInvalidResponseAndIsNotFollowed(int status, Target target) throws IOException {
		expectNotFollowed(Call.RUN, status, target);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void noOperationFollowsARedirectToAnotherHost(Call call) throws IOException {
		expectNotFollowed(call, 308, Target.OTHER_HOST);
		expectNotFollowed(call, 302, Target.OTHER_PORT);
	}

	private void expectNotFollowed(Call call, int status, Target target) throws IOException {
		String location = target.location(this.elsewhere);
		try (ScriptedHttpServer bytez = new ScriptedHttpServer(
				(request,
						out) -> out.write(("HTTP/1.1 " + status + " Moved\r\nLocation: " + location
								+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
							.getBytes(StandardCharsets.US_ASCII)))) {
			BytezTemplate template = BytezTemplate.builder()
				.webClientBuilder(org.springframework.web.reactive.function.client.WebClient.builder())
				.apiKey(KEY)
				.providerKey(PROVIDER_KEY)
				.baseUrl(bytez.baseUrl())
				.build();
			BytezException failure = BytezHostileAnswersTests
				.catchBytez(() -> Flux.from(call.call.apply(template)).collectList().block(Duration.ofSeconds(10)));
			assertThat(failure).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("redirect (HTTP " + status + ") to " + target.named(this.elsewhere))
				.hasMessageNotContaining(KEY);
			assertThat(((BytezInvalidResponseException) failure).getStatusCode()).isEqualTo(status);
			assertThat(failure.getAttempts()).isOne();
			assertThat(bytez.requests()).hasSize(1);
			assertThat(bytez.requests().get(0)).contains(KEY);
		}
		assertThat(this.elsewhere.requests()).isEmpty();
	}

}
