package ${package};

import io.github.bytezspring.test.BytezStubServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code mvn spring-boot:test-run} starts: the application against the stub, with no key.
 */
class TestApplicationTests {

	@Test
	void runsTheApplicationAgainstTheStub() {
		try (ConfigurableApplicationContext context = TestApplication.application()
			.run("--server.port=0", "--bytez.api-key=")
			.getApplicationContext()) {
			BytezStubServer stub = context.getBean(BytezStubServer.class);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + port)
				.build()
				.get()
				.uri("/answer?prompt={prompt}", "Hello")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.text")
				.isNotEmpty();
			assertThat(stub.requests(ChatControllerTests.MODEL)).hasSize(1);
		}
	}

}
