package io.github.bytezspring.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.model.BytezInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BytezStubServer#main(String[])}'s way of running a stub on its own.
 */
class BytezStubServerMainTests {

	@Test
	void runsOnTheGivenPortPrintsItsUrlAndKeyAndAnswers() {
		int port = freePort();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (BytezStubServer stub = BytezStubServer.run(new String[] { "--port", String.valueOf(port) },
				new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			assertThat(stub.port()).isEqualTo(port);
			String output = printed.toString(StandardCharsets.UTF_8);
			assertThat(output).contains("http://127.0.0.1:" + port).contains("bytez.api-key=stub-key");
			BytezTemplate bytez = BytezTemplate.builder()
				.apiKey(BytezStubServer.API_KEY)
				.baseUrl("http://127.0.0.1:" + port)
				.build();
			assertThat(bytez.run(stub.exampleModel("text-generation"), BytezInput.text("Hi")).block().outputText())
				.isEqualTo(stub.exampleText("text-generation"));
			HttpResponse<String> tasks = new StubHttp(stub).send("GET", "/models/v2/list/tasks", null);
			assertThat(tasks.statusCode()).isEqualTo(200);
			assertThat(stub.requests()).hasSize(2);
		}
	}

	@Test
	void portArgumentTakesBothFormsAndDefaultsTo8089() {
		assertThat(BytezStubServer.portArgument(new String[0])).isEqualTo(8089);
		assertThat(BytezStubServer.portArgument(new String[] { "--port=9001" })).isEqualTo(9001);
		assertThat(BytezStubServer.portArgument(new String[] { "--port", "0" })).isZero();
	}

	@Test
	void badArgumentsAreRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> BytezStubServer.portArgument(new String[] { "--prot=1" }))
			.withMessageContaining("--prot=1");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezStubServer.portArgument(new String[] { "--port=x" }))
			.withMessageContaining("--port must be a number");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezStubServer.start(70000))
			.withMessageContaining("port must be between 0 and 65535");
	}

	@Test
	void aTakenPortIsNamed() {
		try (BytezStubServer first = BytezStubServer.start()) {
			assertThatIllegalStateException().isThrownBy(() -> BytezStubServer.start(first.port()))
				.withMessageContaining("port " + first.port());
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
