package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.ChunkedDribbleDelay;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;

/**
 * What a scripted call answers instead of, or on top of, the stub's normal answer.
 */
@FunctionalInterface
interface StubBehaviour {

	/**
	 * The answer to a scripted call.
	 * @param normal the answer the stub would give without the script, computed only when
	 * asked for
	 * @return the answer
	 */
	ResponseDefinition respond(Supplier<ResponseDefinition> normal);

	static StubBehaviour rateLimited(@Nullable Duration retryAfter) {
		return (normal) -> {
			ResponseDefinitionBuilder response = Envelope.error(429, "Rate limit exceeded");
			if (retryAfter != null) {
				long millis = retryAfter.toMillis();
				// Retry-After holds whole seconds; retry-after-ms (as OpenAI's gateways
				// send) keeps the rest
				response.withHeader("Retry-After", Long.toString((millis + 999) / 1000));
				if (millis % 1000 != 0) {
					response.withHeader("retry-after-ms", Long.toString(millis));
				}
			}
			return response.build();
		};
	}

	static StubBehaviour jsonError(int status, String message) {
		return (normal) -> Envelope.error(status, message).build();
	}

	static StubBehaviour htmlError(int status) {
		String title = status + " " + reason(status);
		String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
				+ "</h1></center>\r\n</body>\r\n</html>\r\n";
		return (normal) -> WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", "text/html")
			.withBody(html.getBytes(StandardCharsets.UTF_8))
			.build();
	}

	static StubBehaviour delay(Duration delay) {
		int millis = Math.toIntExact(delay.toMillis());
		return (normal) -> ResponseDefinitionBuilder.like(normal.get()).withFixedDelay(millis).build();
	}

	static StubBehaviour fault(Fault fault) {
		return (normal) -> WireMock.aResponse().withFault(fault).build();
	}

	/**
	 * The normal answer's status and headers and the first half of its body, then the
	 * connection closes. The answer declares its full length, so the client sees the body
	 * end early rather than complete.
	 */
	static StubBehaviour cutMidStream() {
		return (normal) -> {
			ResponseDefinition answer = normal.get();
			byte[] body = (answer.getByteBody() != null) ? answer.getByteBody() : new byte[0];
			byte[] sent = Arrays.copyOf(body, body.length / 2);
			ChunkedDribbleDelay dribble = answer.getChunkedDribbleDelay();
			// every chunk is flushed, so the headers are on the wire before the body
			// falls short; a
			// response not yet sent when it falls short would become a 500 instead
			int chunks = (dribble != null) ? Math.max(1, dribble.getNumberOfChunks() / 2) : 1;
			int millis = (dribble != null) ? dribble.getTotalDuration() / 2 : 0;
			return ResponseDefinitionBuilder.like(answer)
				.withHeader("Content-Length", Integer.toString(Math.max(body.length, 1)))
				.withBody(sent)
				.withChunkedDribbleDelay(chunks, millis)
				.build();
		};
	}

	static StubBehaviour respond(ResponseDefinitionBuilder response) {
		ResponseDefinition definition = response.build();
		return (normal) -> definition;
	}

	private static String reason(int status) {
		return switch (status) {
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Temporarily Unavailable";
			case 504 -> "Gateway Time-out";
			case 429 -> "Too Many Requests";
			default -> "Error";
		};
	}

}
