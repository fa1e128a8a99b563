package io.github.bytezspring.client;

/**
 * The kinds of call the client makes to Bytez, named as they appear in logs, exceptions and metrics.
 */
public enum BytezOperation {

	/** Run a model and read one JSON result. */
	RUN("run"),

	/** Run a model and stream its text output. */
	STREAM("stream"),

	/** List the models Bytez serves. */
	LIST_MODELS("list-models"),

	/** List the tasks Bytez supports. */
	LIST_TASKS("list-tasks");

	private final String value;

	BytezOperation(String value) {
		this.value = value;
	}

	/**
	 * The lower-case name used in logs, messages and metric tags, e.g. {@code list-models}.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether repeating this operation can never duplicate work done by the server.
	 * @return {@code true} for reads
	 */
	public boolean isIdempotent() {
		return this == LIST_MODELS || this == LIST_TASKS;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
