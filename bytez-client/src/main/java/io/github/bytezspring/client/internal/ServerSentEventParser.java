package io.github.bytezspring.client.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Splits the text of a Server-Sent Events stream into events the way the HTML standard's
 * event stream interpretation does: lines end in CR, LF or CRLF (also when a chunk
 * boundary falls between CR and LF), a leading byte-order mark is dropped, comments and
 * unknown fields are ignored, and so is {@code retry} (the client never reconnects) and
 * {@code id}. Hand-written because Spring's {@code ServerSentEventHttpMessageReader}
 * splits lines on LF and CRLF only, keeps a leading byte-order mark in the first field's
 * name, and fails on a {@code retry} that is not a number. One instance reads one stream
 * and is not thread-safe.
 */
final class ServerSentEventParser {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final int maxEventLength;

	private final StringBuilder line = new StringBuilder();

	private final StringBuilder data = new StringBuilder();

	private @Nullable String name;

	private boolean started;

	private boolean afterCarriageReturn;

	/**
	 * A parser whose events, and lines, are at most {@code maxEventLength} characters
	 * long.
	 */
	ServerSentEventParser(int maxEventLength) {
		this.maxEventLength = maxEventLength;
	}

	/**
	 * One event: its {@code event} field, if any, and its data lines joined with LF.
	 */
	record Event(@Nullable String name, String data) {
	}

	/**
	 * Thrown when an event or a line is longer than the limit.
	 */
	static final class EventTooLongException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		EventTooLongException(int limit) {
			super("an event longer than " + limit + " characters");
		}

	}

	/**
	 * Read more of the stream.
	 * @param text the next decoded text
	 * @return the events it completes
	 */
	List<Event> feed(String text) {
		List<Event> events = new ArrayList<>(0);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!this.started) {
				this.started = true;
				if (c == BYTE_ORDER_MARK) {
					continue;
				}
			}
			if (this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				if (c == '\n') {
					continue;
				}
			}
			if (c == '\r' || c == '\n') {
				this.afterCarriageReturn = (c == '\r');
				line(events);
			}
			else {
				this.line.append(c);
				if (this.line.length() > this.maxEventLength) {
					throw new EventTooLongException(this.maxEventLength);
				}
			}
		}
		return events;
	}

	/**
	 * End the stream: an unterminated last line is read as a line, and an event it leaves
	 * pending is dispatched (the standard drops it; reading it reports a cut-off event as
	 * the malformed JSON it is instead of losing it silently).
	 * @param text the last decoded text
	 * @return the events it completes
	 */
	List<Event> finish(String text) {
		List<Event> events = feed(text);
		if (!this.line.isEmpty()) {
			line(events);
		}
		dispatch(events);
		return events;
	}

	private void line(List<Event> events) {
		String line = this.line.toString();
		this.line.setLength(0);
		if (line.isEmpty()) {
			dispatch(events);
			return;
		}
		if (line.charAt(0) == ':') {
			return;
		}
		int colon = line.indexOf(':');
		String field = (colon >= 0) ? line.substring(0, colon) : line;
		String value = (colon >= 0) ? line.substring(colon + 1) : "";
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		if (field.equals("data")) {
			this.data.append(value).append('\n');
			if (this.data.length() > this.maxEventLength) {
				throw new EventTooLongException(this.maxEventLength);
			}
		}
		else if (field.equals("event")) {
			this.name = value;
		}
	}

	private void dispatch(List<Event> events) {
		if (!this.data.isEmpty()) {
			events.add(new Event(this.name, this.data.substring(0, this.data.length() - 1)));
		}
		this.data.setLength(0);
		this.name = null;
	}

}
