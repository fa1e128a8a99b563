package io.github.bytezspring.client;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezAuthenticationException;
import io.github.bytezspring.client.error.BytezInvalidResponseException;
import io.github.bytezspring.client.error.BytezTransportException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BytezMediaTests {

	static final String MODEL = "/models/v2/stabilityai/stable-diffusion-xl-base-1.0";

	static final String MODEL_ID = "stabilityai/stable-diffusion-xl-base-1.0";

	static final byte[] IMAGE = new byte[6 * 1024 * 1024 + 123];

	static final byte[] OLD = "the picture from last time".getBytes(StandardCharsets.UTF_8);

	static {
		new Random(7).nextBytes(IMAGE);
	}

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	@Test
	void streamMediaSendsJsonFalseAndDeliversTheBytesUnchanged() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(IMAGE)));

		DataBuffer joined = DataBufferUtils.join(template().streamMedia("stabilityai/stable-diffusion-xl-base-1.0",
				BytezInput.text("a cat"), BytezOptions.builder().param("num_inference_steps", 4).build()))
			.block(Duration.ofSeconds(20));
		byte[] received = new byte[joined.readableByteCount()];
		joined.read(received);
		DataBufferUtils.release(joined);

		assertThat(received).isEqualTo(IMAGE);
		bytez.verify(1, postRequestedFor(urlEqualTo(MODEL)).withRequestBody(equalToJson(
				"{\"text\":\"a cat\",\"params\":{\"num_inference_steps\":4},\"json\":false}", false, false)));
	}

	@Test
	void streamMediaToWritesTheFileWithItsContentType(@TempDir Path dir) throws Exception {
		bytez.stubFor(post(MODEL).willReturn(
				aResponse().withHeader("Content-Type", "image/png").withBody(IMAGE).withChunkedDribbleDelay(20, 200)));
		Path target = dir.resolve("cat.png");

		BytezMedia media = template()
			.streamMediaTo("stabilityai/stable-diffusion-xl-base-1.0", BytezInput.text("a cat"),
					BytezOptions.defaults(), target)
			.block(Duration.ofSeconds(20));

		assertThat(media.contentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(media.file()).isEqualTo(target);
		assertThat(media.size()).isEqualTo(IMAGE.length);
		assertThat(Files.readAllBytes(target)).isEqualTo(IMAGE);
	}

	@Test
	void aJsonAnswerInsteadOfMediaIsATypedError() {
		bytez.stubFor(post(MODEL).willReturn(okJson("{\"error\":\"Model failed\",\"output\":null}")));
		bytez.stubFor(post("/models/v2/org/url-only")
			.willReturn(okJson("{\"error\":null,\"output\":\"https://cdn/x.png\"}")));
		BytezTemplate template = template();

		StepVerifier
			.create(template.streamMedia("stabilityai/stable-diffusion-xl-base-1.0", BytezInput.text("x"),
					BytezOptions.defaults()))
			.verifyErrorSatisfies((error) -> assertThat(error).isExactlyInstanceOf(BytezApiException.class)
				.hasMessageContaining("Model failed"));
		StepVerifier.create(template.streamMedia("org/url-only", BytezInput.text("x"), BytezOptions.defaults()))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(BytezInvalidResponseException.class)
				.hasMessageContaining("where media bytes were expected"));
	}

	@Test
	void anErrorStatusIsATypedError() {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized\"}")));

		StepVerifier
			.create(template().streamMedia("stabilityai/stable-diffusion-xl-base-1.0", BytezInput.text("x"),
					BytezOptions.defaults()))
			.expectError(BytezAuthenticationException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void streamMediaToReplacesAnExistingFileWithExactlyTheNewBytes(@TempDir Path dir) throws Exception {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(IMAGE)));
		Path target = Files.write(dir.resolve("cat.png"), OLD);

		BytezMedia media = template().streamMediaTo(MODEL_ID, BytezInput.text("a cat"), BytezOptions.defaults(), target)
			.block(Duration.ofSeconds(20));

		assertThat(media.size()).isEqualTo(IMAGE.length);
		assertThat(Files.readAllBytes(target)).isEqualTo(IMAGE);
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void anErrorStatusLeavesAnExistingFileUnchangedAndNoTemporaryFile(@TempDir Path dir) throws Exception {
		bytez.stubFor(post(MODEL).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Unauthorized\"}")));
		Path target = Files.write(dir.resolve("cat.png"), OLD);

		StepVerifier.create(template().streamMediaTo(MODEL_ID, BytezInput.text("x"), BytezOptions.defaults(), target))
			.expectError(BytezAuthenticationException.class)
			.verify(Duration.ofSeconds(5));

		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void aConnectionCutMidBodyLeavesAnExistingFileUnchangedAndNoTemporaryFile(@TempDir Path dir) throws Exception {
		Path target = Files.write(dir.resolve("cat.png"), OLD);
		try (RawHttpServer server = new RawHttpServer(BytezMediaTests::halfAnImage, false)) {
			StepVerifier
				.create(rawTemplate(server).streamMediaTo(MODEL_ID, BytezInput.text("x"), BytezOptions.defaults(),
						target))
				.expectError(BytezTransportException.class)
				.verify(Duration.ofSeconds(10));
		}

		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
		assertThat(files(dir)).containsExactly(target);
	}

	@Test
	void aConnectionCutMidBodyLeavesAnAbsentFileAbsent(@TempDir Path dir) throws Exception {
		Path target = dir.resolve("cat.png");
		try (RawHttpServer server = new RawHttpServer(BytezMediaTests::halfAnImage, false)) {
			StepVerifier
				.create(rawTemplate(server).streamMediaTo(MODEL_ID, BytezInput.text("x"), BytezOptions.defaults(),
						target))
				.expectError(BytezTransportException.class)
				.verify(Duration.ofSeconds(10));
		}

		assertThat(files(dir)).isEmpty();
	}

	@Test
	void cancellingADownloadClosesTheConnectionAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
		Path target = Files.write(dir.resolve("cat.png"), OLD);
		try (RawHttpServer server = new RawHttpServer(BytezMediaTests::halfAnImage, true)) {
			Disposable download = rawTemplate(server)
				.streamMediaTo(MODEL_ID, BytezInput.text("x"), BytezOptions.defaults(), target)
				.subscribe();
			// the temporary file appears once the first bytes are written
			await().atMost(Duration.ofSeconds(10)).until(() -> files(dir).size() == 2);
			download.dispose();

			assertThat(server.awaitClientClosed(5, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> files(dir).size() == 1);
		}

		assertThat(files(dir)).containsExactly(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
	}

	/**
	 * Headers announcing the whole image, then only its first half; returning closes the
	 * connection.
	 */
	private static void halfAnImage(java.io.OutputStream out) throws IOException {
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + IMAGE.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.write(IMAGE, 0, IMAGE.length / 2);
		out.flush();
	}

	private static BytezTemplate rawTemplate(RawHttpServer server) {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(server.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	private static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}

}
