package io.github.bytezspring.client.model;

/**
 * The kinds of call the client makes to Bytez, named as they appear in logs, exceptions
 * and metrics.
 */
public enum BytezOperation {

	/** Run a model and read one JSON result. */
	RUN("run"),

	/** Run a model and stream its text output. */
	STREAM("stream"),

	/** List the models Bytez serves. */
	LIST_MODELS("list-models"),

	/** List the tasks Bytez supports. */
	LIST_TASKS("list-tasks"),

	/** Ask Bytez to serve a model it does not serve yet. */
	REQUEST_MODEL("request-model"),

	/** Run a media-generating model and stream the file it makes. */
	STREAM_MEDIA("stream-media"),

	/** List the caller's clusters. */
	LIST_CLUSTERS("list-clusters"),

	/** Read one cluster. */
	GET_CLUSTER("get-cluster"),

	/** Create a cluster for an open model. */
	CREATE_CLUSTER("create-cluster"),

	/** Change a cluster's capacity, timeout or status. */
	UPDATE_CLUSTER("update-cluster"),

	/** Delete a cluster. */
	DELETE_CLUSTER("delete-cluster"),

	/** OpenAI-compatible chat completion. */
	CHAT_COMPLETIONS("chat-completions"),

	/** OpenAI-compatible chat completion, streamed as Server-Sent Events. */
	STREAM_CHAT_COMPLETIONS("stream-chat-completions"),

	/** OpenAI-compatible text completion. */
	COMPLETIONS("completions"),

	/** OpenAI-compatible text completion, streamed as Server-Sent Events. */
	STREAM_COMPLETIONS("stream-completions"),

	/** OpenAI-compatible Responses call. */
	RESPONSES("responses"),

	/** OpenAI-compatible Responses call, streamed as Server-Sent Events. */
	STREAM_RESPONSES("stream-responses");

	private final String value;

	BytezOperation(String value) {
		this.value = value;
	}

	/**
	 * The lower-case name used in logs, messages and metric tags, e.g.
	 * {@code list-models}.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether repeating this operation can never duplicate work done by the server.
	 * @return {@code true} for reads (HTTP GET)
	 */
	public boolean isIdempotent() {
		return this == LIST_MODELS || this == LIST_TASKS || this == LIST_CLUSTERS || this == GET_CLUSTER;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
