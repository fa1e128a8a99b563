package io.github.bytezspring.samples.chatweb;

import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.Assert;

/**
 * Relays a stream of text pieces to a browser as Server-Sent Events that keep every
 * character: each piece is one event whose data is the piece as a JSON string, which the
 * page reads back with {@code JSON.parse(event.data)}.
 * <p>
 * Returning the {@code Flux<String>} itself as {@code text/event-stream} loses
 * characters: the browser's SSE parser drops the space after {@code data:} (so
 * {@code " bc"} arrives as {@code "bc"}), and a line break inside a piece splits it into
 * several {@code data:} lines. A JSON string starts with a quote and holds its line
 * breaks as {@code \n}, so neither can happen. Copy this class into an application that
 * relays {@code BytezOperations.stream(..)}, e.g.
 * {@code return TextEvents.of(bytez.stream(model, input), "token");}.
 */
public final class TextEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TextEvents() {
	}

	/**
	 * One event per piece, in order, each named {@code name} with the piece as a JSON
	 * string for data.
	 * @param pieces the text, e.g. from {@code BytezOperations.stream(..)}
	 * @param name the events' name, which the page listens to with
	 * {@code events.addEventListener(name, ..)}
	 * @return the events
	 */
	public static Flux<ServerSentEvent<String>> of(Flux<String> pieces, String name) {
		Assert.notNull(pieces, "pieces must not be null");
		Assert.hasText(name, "name must not be empty");
		return pieces.map((piece) -> event(name, piece));
	}

	/**
	 * One event whose data is a value written as JSON, e.g. a piece of text or a
	 * {@code Map}.
	 * @param name the event's name
	 * @param value the data, written as JSON (a string becomes a JSON string)
	 * @return the event
	 */
	public static ServerSentEvent<String> event(String name, Object value) {
		Assert.hasText(name, "name must not be empty");
		return ServerSentEvent.builder(JSON.writeValueAsString(value)).event(name).build();
	}

}
