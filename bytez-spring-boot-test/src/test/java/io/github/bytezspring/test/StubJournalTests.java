package io.github.bytezspring.test;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the stub's request journal and its gauge of requests in flight.
 */
@ExtendWith(BytezStubExtension.class)
class StubJournalTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHAT = "Qwen/Qwen3-4B";

	private final BytezStubServer stub;

	StubJournalTests(BytezStubServer stub) {
		this.stub = stub;
	}

	@Test
	void lastRequestIsTheLatestAboutTheModel() {
		BytezTemplate template = template(0);
		template.run(CHAT, BytezInput.messages(BytezMessage.user("first"))).block(TIMEOUT);
		template.run("openai-community/gpt2", BytezInput.text("other")).block(TIMEOUT);
		template.run(CHAT, BytezInput.messages(BytezMessage.user("second"))).block(TIMEOUT);
		template.listTasks().block(TIMEOUT);
		StubRequest last = this.stub.lastRequest(CHAT);
		assertThat(last.method()).isEqualTo("POST");
		assertThat(last.modelId()).isEqualTo(CHAT);
		assertThat(last.json().get("messages").get(0).get("content").stringValue()).isEqualTo("second");
		assertThat(this.stub.requests(CHAT)).hasSize(2);
		assertThat(this.stub.requests()).extracting(StubRequest::modelId)
			.containsExactly(CHAT, "openai-community/gpt2", CHAT, null);
		assertThat(this.stub.lastRequest().path()).isEqualTo("/models/v2/list/tasks");
	}

	@Test
	void lastRequestFailsClearlyWhenThereIsNone() {
		assertThatIllegalStateException().isThrownBy(this.stub::lastRequest).withMessageContaining("no request");
		template(0).listTasks().block(TIMEOUT);
		assertThatIllegalStateException().isThrownBy(() -> this.stub.lastRequest(CHAT))
			.withMessageContaining("no request about Qwen/Qwen3-4B")
			.withMessageContaining("GET /models/v2/list/tasks");
	}

	@Test
	void maxConcurrentRequestsCountsRequestsServedAtOnce() {
		this.stub.script(CHAT).delay(Duration.ofMillis(300));
		BytezTemplate template = template(0);
		StepVerifier
			.create(Flux.range(0, 5)
				.flatMap((i) -> template.run(CHAT, BytezInput.messages(BytezMessage.user("hi " + i))))
				.count())
			.expectNext(5L)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.maxConcurrentRequests()).isEqualTo(5);
		// the server finishes a request just after the client has read its answer
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 0);
	}

	@Test
	void maxConcurrentRequestsShowsAClientKeepingToItsLimit() {
		this.stub.script(CHAT).delay(Duration.ofMillis(100));
		BytezTemplate template = template(2);
		StepVerifier
			.create(Flux.range(0, 6)
				.flatMap((i) -> template.run(CHAT, BytezInput.messages(BytezMessage.user("hi " + i))))
				.count())
			.expectNext(6L)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.stub.requests(CHAT)).hasSize(6);
		assertThat(this.stub.maxConcurrentRequests()).isEqualTo(2);
	}

	@Test
	void aCancelledStreamLeavesTheGauge() {
		this.stub.streamPacing(StreamPacing.chunks(8).every(Duration.ofMillis(50)));
		Disposable stream = template(0).stream("openai-community/gpt2", BytezInput.text("x")).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 1);
		stream.dispose();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 0);
		assertThat(this.stub.maxConcurrentRequests()).isEqualTo(1);
	}

	@Test
	void aCutStreamLeavesTheGauge() {
		this.stub.script().cutMidStream();
		StepVerifier.create(template(0).stream("openai-community/gpt2", BytezInput.text("x")))
			.thenConsumeWhile((piece) -> true)
			.expectError()
			.verify(TIMEOUT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 0);
	}

	@Test
	void resetRequestsForgetsTheRequestsAndTheMaximum() {
		template(0).listTasks().block(TIMEOUT);
		assertThat(this.stub.maxConcurrentRequests()).isEqualTo(1);
		this.stub.resetRequests();
		assertThat(this.stub.requests()).isEmpty();
		assertThat(this.stub.maxConcurrentRequests()).isZero();
	}

	@Test
	void requestsStillBeingServedAtAResetDoNotCountAfterIt() {
		this.stub.streamPacing(StreamPacing.chunks(4).every(Duration.ofMillis(50)));
		Disposable stream = template(0).stream("openai-community/gpt2", BytezInput.text("x")).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.stub.inFlightRequests() == 1);
		this.stub.resetRequests();
		assertThat(this.stub.maxConcurrentRequests()).isZero();
		template(0).listTasks().block(TIMEOUT);
		assertThat(this.stub.maxConcurrentRequests()).isEqualTo(1);
		stream.dispose();
	}

	@Test
	void headersAndQueriesAreRecorded() {
		template(0).listModels("chat").block(TIMEOUT);
		StubRequest request = this.stub.lastRequest();
		assertThat(request.query()).isEqualTo("task=chat");
		assertThat(request.header("AUTHORIZATION")).isEqualTo(BytezStubServer.API_KEY);
		assertThat(request.headers()).containsKey("Authorization");
		assertThat(request.body()).isEmpty();
		assertThat(request.modelId()).isNull();
		assertThat(List.copyOf(request.headers().keySet())).isNotEmpty();
	}

	private BytezTemplate template(int maxConcurrentRequests) {
		return BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(this.stub.baseUrl())
			.maxConcurrentRequests(maxConcurrentRequests)
			.build();
	}

}
