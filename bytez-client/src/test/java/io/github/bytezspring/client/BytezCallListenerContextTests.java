package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.observation.BytezCallListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.util.context.Context;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener a subscriber puts in its Reactor context hears its own calls' answers,
 * streams included.
 */
class BytezCallListenerContextTests {

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	private final List<BytezCallListener.Event> templateEvents = new CopyOnWriteArrayList<>();

	private final BytezTemplate template = BytezTemplate.builder()
		.apiKey("k")
		.baseUrl(bytez.baseUrl())
		.callListener(this.templateEvents::add)
		.build();

	@Test
	void aStreamsSubscriberHearsItsOwnAnswersHeaders() {
		bytez.stubFor(post("/models/v2/org/streamer").willReturn(aResponse().withHeader("Content-Type", "text/plain")
			.withHeader("ratelimit-limit", "7")
			.withHeader("ratelimit-remaining", "6")
			.withHeader("inference-time", "0.25")
			.withBody("a b")));
		List<BytezCallListener.Event> own = new CopyOnWriteArrayList<>();

		String text = String.join("",
				this.template.stream("org/streamer", BytezInput.text("x"))
					.contextWrite(Context.of(BytezCallListener.CONTEXT_KEY, (BytezCallListener) own::add))
					.collectList()
					.block(Duration.ofSeconds(5)));
		this.template.stream("org/streamer", BytezInput.text("y")).collectList().block(Duration.ofSeconds(5));

		assertThat(text).isEqualTo("a b");
		assertThat(own).singleElement().satisfies((event) -> {
			assertThat(event.modelId()).isEqualTo("org/streamer");
			assertThat(event.metadata().limit()).hasValue(7);
			assertThat(event.metadata().remaining()).hasValue(6);
			assertThat(event.metadata().inferenceTime()).hasValue(Duration.ofMillis(250));
		});
		assertThat(this.templateEvents).hasSize(2);
	}

	@Test
	void anotherValueUnderTheKeyIsIgnored() {
		bytez.stubFor(post("/models/v2/org/streamer")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("ok")));

		assertThat(this.template.stream("org/streamer", BytezInput.text("x"))
			.contextWrite(Context.of(BytezCallListener.CONTEXT_KEY, "not a listener"))
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly("ok");
		assertThat(this.templateEvents).hasSize(1);
	}

}
