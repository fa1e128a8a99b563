package io.github.bytezspring.docs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bytezspring.mvcapp.MvcApplication;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Holds the controllers of {@code docs/spring-mvc.md} that return the template's
 * {@code Mono} and {@code Flux} from Spring MVC, through MockMvc: the request starts
 * asynchronously, and the body the client gets after the async dispatch is asserted
 * exactly.
 */
@SpringBootTest(classes = MvcApplication.class, properties = "bytez.retry.initial-backoff=5ms")
@AutoConfigureBytezStub
@AutoConfigureMockMvc
class MvcReactiveReturnTests {

	private static final long TIMEOUT_MILLIS = 10_000;

	// pieces with leading spaces, line breaks and a character of three UTF-8 bytes, cut
	// two bytes apart
	private static final String TEXT = " Hello,\n world  and ✓ more\n\n end ";

	@Autowired
	MockMvc mvc;

	@Autowired
	BytezStubServer stub;

	@Test
	void monoAndFluxFromAController() throws Exception {
		this.stub.answerText("Qwen/Qwen3-4B", " London,\n of course.");
		MvcResult started = this.mvc.perform(get("/answer").param("question", "Capital of England?"))
			.andExpect(request().asyncStarted())
			.andReturn();
		started.getAsyncResult(TIMEOUT_MILLIS);
		this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(content().string("{\"text\":\" London,\\n of course.\"}"));
		assertThat(this.stub.lastRequest("Qwen/Qwen3-4B").json().get("messages").get(0).get("content").stringValue())
			.isEqualTo("Capital of England?");
	}

	@Test
	void aStreamedFluxOfStringIsThePlainTextExactly() throws Exception {
		this.stub.answerText("openai-community/gpt2", TEXT).streamPacing(StreamPacing.chunkSize(2));
		MvcResult started = this.mvc.perform(get("/story").param("start", "Once"))
			.andExpect(request().asyncStarted())
			.andReturn();
		started.getAsyncResult(TIMEOUT_MILLIS);
		assertThat(started.getResponse().getContentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(started.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(TEXT);
		assertThat(this.stub.lastRequest("openai-community/gpt2").json().get("stream").booleanValue()).isTrue();
	}

	@Test
	void theStreamingPageRelayWorksUnchangedInMvc() throws Exception {
		this.stub.answerText("Qwen/Qwen3-4B", TEXT).streamPacing(StreamPacing.chunkSize(2));
		MvcResult started = this.mvc.perform(get("/chat").param("prompt", "Hi"))
			.andExpect(request().asyncStarted())
			.andReturn();
		started.getAsyncResult(TIMEOUT_MILLIS);
		String wire = started.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(wire).startsWith("event:token\ndata:{\"text\":\"");
		List<ServerSentEvent<String>> events = readAsBrowser(wire);
		assertThat(relayedText(events)).isEqualTo(TEXT);
		assertThat(events).hasSizeGreaterThan(3);
	}

	/**
	 * The text of an SSE answer as a browser shows it: the {@code token} events' data
	 * parsed as JSON and concatenated, up to the {@code done} event, which must be the
	 * last.
	 */
	static String relayedText(List<ServerSentEvent<String>> events) {
		assertThat(events).last().satisfies((event) -> assertThat(event.event()).isEqualTo("done"));
		JsonMapper json = JsonMapper.builder().build();
		StringBuilder text = new StringBuilder();
		events.subList(0, events.size() - 1).forEach((event) -> {
			assertThat(event.event()).isEqualTo("token");
			text.append(json.readTree(event.data()).get("text").stringValue());
		});
		return text.toString();
	}

	/**
	 * The events of an SSE answer, parsed as a browser's {@code EventSource} does
	 * (Spring's parser, which also strips the space after {@code data:}).
	 */
	@SuppressWarnings("unchecked")
	static List<ServerSentEvent<String>> readAsBrowser(String wire) {
		MockServerHttpRequest request = MockServerHttpRequest.post("/")
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body(wire);
		return new ServerSentEventHttpMessageReader(new JacksonJsonDecoder())
			.read(ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class), request, Map.of())
			.map((event) -> (ServerSentEvent<String>) event)
			.collectList()
			.block(Duration.ofMillis(TIMEOUT_MILLIS));
	}

}
