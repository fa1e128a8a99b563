package io.github.bytezspring.test;

import java.time.Duration;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BytezStubExtension}.
 */
@ExtendWith(BytezStubExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BytezStubExtensionTests {

	private static BytezStubServer fromBeforeAll;

	private final BytezStubServer fromConstructor;

	BytezStubExtensionTests(BytezStubServer stub) {
		this.fromConstructor = stub;
	}

	@BeforeAll
	static void rememberStub(BytezStubServer stub) {
		fromBeforeAll = stub;
	}

	@Test
	@Order(1)
	void injectsOneRunningStubPerClass(BytezStubServer stub) {
		assertThat(stub).isSameAs(fromBeforeAll).isSameAs(this.fromConstructor);
		assertThat(stub.wireMock().isRunning()).isTrue();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.build();
		StepVerifier.create(template.listTasks()).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(stub.requests()).hasSize(1);
		// left for the next test, which must not see them
		stub.answerText("acme/model", "hello").script().serverError(500);
	}

	@Test
	@Order(2)
	void forgetsTheRequestsScriptsAndAnswersOfEarlierTests(BytezStubServer stub) {
		assertThat(stub).isSameAs(fromBeforeAll);
		assertThat(stub.requests()).isEmpty();
		BytezTemplate template = BytezTemplate.builder()
			.apiKey(BytezStubServer.API_KEY)
			.baseUrl(stub.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
		StepVerifier.create(template.run("acme/model", BytezInput.text("hi")))
			.expectErrorSatisfies((ex) -> assertThat(((BytezApiException) ex).getStatusCode()).isEqualTo(404))
			.verify(Duration.ofSeconds(10));
	}

	@Nested
	class NestedTests {

		@Test
		void shareTheStubOfTheEnclosingClass(BytezStubServer stub) {
			assertThat(stub).isSameAs(fromBeforeAll);
		}

	}

}
