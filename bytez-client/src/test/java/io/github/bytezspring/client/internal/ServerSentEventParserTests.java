package io.github.bytezspring.client.internal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Server-Sent Events split as the HTML standard's event stream interpretation does,
 * whatever the chunk boundaries.
 */
class ServerSentEventParserTests {

	@Test
	void aCarriageReturnAndItsLineFeedInTwoChunksEndOneLine() {
		ServerSentEventParser parser = new ServerSentEventParser(1024);
		List<ServerSentEventParser.Event> events = new ArrayList<>();
		events.addAll(parser.feed("data: a\r"));
		events.addAll(parser.feed("\ndata: b\r"));
		events.addAll(parser.feed("\r"));
		events.addAll(parser.finish(""));
		assertThat(events).containsExactly(new ServerSentEventParser.Event(null, "a\nb"));
	}

	@Test
	void onlyALeadingByteOrderMarkIsDropped() {
		ServerSentEventParser parser = new ServerSentEventParser(1024);
		assertThat(parser.feed("\uFEFFevent: x\ndata: \uFEFFy\n\n"))
			.containsExactly(new ServerSentEventParser.Event("x", "\uFEFFy"));
	}

	@Test
	void commentsUnknownFieldsIdAndRetryAreIgnoredAndOnlyOneLeadingSpaceIsRemoved() {
		ServerSentEventParser parser = new ServerSentEventParser(1024);
		assertThat(parser.feed(": hi\nretry: abc\nid: 4\nfoo\nbar: baz\ndata:  two spaces\ndata\n\nevent: lone\n\n"))
			.containsExactly(new ServerSentEventParser.Event(null, " two spaces\n"));
	}

	@Test
	void anUnterminatedLastEventIsReadAtTheEnd() {
		ServerSentEventParser parser = new ServerSentEventParser(1024);
		assertThat(parser.feed("data: {\"cut")).isEmpty();
		assertThat(parser.finish("\"")).containsExactly(new ServerSentEventParser.Event(null, "{\"cut\""));
	}

	@Test
	void aLineOrAnEventLongerThanTheLimitFails() {
		assertThatExceptionOfType(ServerSentEventParser.EventTooLongException.class)
			.isThrownBy(() -> new ServerSentEventParser(8).feed("data: 0123456789"));
		assertThatExceptionOfType(ServerSentEventParser.EventTooLongException.class)
			.isThrownBy(() -> new ServerSentEventParser(8).feed("data: 123\ndata: 456\n"));
	}

}
