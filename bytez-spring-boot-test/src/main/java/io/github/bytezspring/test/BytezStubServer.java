package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bytez-compatible HTTP stub on {@code 127.0.0.1} that answers each task's example model with the
 * example output of Bytez's own task specifications, so applications and tests run without a network
 * or an API key.
 * <p>
 * It serves {@code POST /models/v2/{model}} (JSON, or chunked text for {@code "stream": true} on
 * text-producing tasks), {@code GET /models/v2/list/tasks} and {@code GET /models/v2/list/models}, and
 * answers 401 to requests without an {@code Authorization} header. Point a client at
 * {@link #baseUrl()} with {@link #API_KEY}.
 */
public final class BytezStubServer implements AutoCloseable {

	/** The API key to configure; the stub accepts any non-empty {@code Authorization} header. */
	public static final String API_KEY = "stub-key";

	/** How many chunks a streamed answer is split into unless {@link #streamChunks} says otherwise. */
	static final int DEFAULT_STREAM_CHUNKS = 8;

	/** How long a streamed answer takes unless {@link #streamChunks} says otherwise. */
	static final Duration DEFAULT_STREAM_DURATION = Duration.ofMillis(400);

	private static final String RUN_PATH = "/models/v2/";

	private static final String TASKS_PATH = "/models/v2/list/tasks";

	private static final String MODELS_PATH = "/models/v2/list/models";

	private static final String JSON = "application/json";

	private static final String TEXT = "text/plain; charset=utf-8";

	// the list endpoint's pricing fields, as Bytez shows them for its smallest meter
	private static final String METER = "sm-free";

	private static final String METER_PRICE = "0.0006478333 / sec";

	// placeholder sizes: the task files do not say how large their example models are
	private static final double PARAMS = 1.0;

	private static final double RAM_REQUIRED = 4.0;

	// WireMock tries lower numbers first; stubs added without a priority get 5, so they win over the
	// canned answers but not over the 401 for a missing key
	private static final int PRIORITY_UNAUTHORIZED = 1;

	private static final int PRIORITY_STREAM = 6;

	private static final int PRIORITY_ANSWER = 7;

	private static final int PRIORITY_NO_MATCH = 8;

	private static final int PRIORITY_NOT_FOUND = 10;

	private final ObjectMapper mapper;

	private final List<TaskSpec> tasks;

	private final WireMockServer server;

	private final List<StubMapping> streamStubs = new ArrayList<>();

	private boolean closed;

	private BytezStubServer(ObjectMapper mapper, List<TaskSpec> tasks, WireMockServer server) {
		this.mapper = mapper;
		this.tasks = tasks;
		this.server = server;
	}

	/**
	 * Start a stub on {@code 127.0.0.1} and a free port, loaded with every task file on the class path.
	 * @return the running stub; {@link #close() close} it when done
	 * @throws IllegalStateException when the task files cannot be read
	 */
	public static BytezStubServer start() {
		ObjectMapper mapper = JsonMapper.builder().build();
		List<TaskSpec> tasks = TaskSpec.loadAll(mapper);
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.gzipDisabled(true)
			.mappingSource(new NoMappingFiles())
			.notifier(new LoggingNotifier()));
		server.start();
		BytezStubServer stub = new BytezStubServer(mapper, tasks, server);
		try {
			stub.registerStubs();
		}
		catch (RuntimeException ex) {
			server.stop();
			throw ex;
		}
		return stub;
	}

	/**
	 * Where the stub listens, to use as {@code bytez.base-url}.
	 * @return e.g. {@code http://127.0.0.1:54321}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The port the stub listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * The tasks the stub serves, one per task file.
	 * @return the task names, sorted
	 */
	public List<String> tasks() {
		return this.tasks.stream().map(TaskSpec::task).toList();
	}

	/**
	 * The model the stub answers for a task, the example model of the task's specification.
	 * @param task a task name, e.g. {@code chat}
	 * @return the model id, e.g. {@code Qwen/Qwen3-4B}
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public String exampleModel(String task) {
		return task(task).modelId();
	}

	/**
	 * The output the stub answers for a task's example model.
	 * @param task a task name
	 * @return a copy of the example output
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public JsonNode exampleOutput(String task) {
		return task(task).exampleOutput().deepCopy();
	}

	/**
	 * The text the stub streams for a task's example model: the example output when it is a string, or
	 * its {@code content} when it is a chat message.
	 * @param task a task name
	 * @return the text, or {@code null} when the task's example output holds no text
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public String exampleText(String task) {
		return task(task).exampleText();
	}

	private TaskSpec task(String task) {
		return this.tasks.stream()
			.filter((candidate) -> candidate.task().equals(task))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the Bytez stub serves no task '" + task
					+ "'; it serves " + tasks()));
	}

	/**
	 * Change how streamed answers are delivered: the text split into {@code count} chunks, spread over
	 * {@code total}; 8 chunks over 400ms by default.
	 * @param count the number of chunks, at least 1
	 * @param total the time from the first chunk to the last, zero or more
	 * @return this stub
	 */
	public BytezStubServer streamChunks(int count, Duration total) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, not " + count);
		}
		if (total == null || total.isNegative()) {
			throw new IllegalArgumentException("total must be zero or more, not " + total);
		}
		registerStreamStubs(count, Math.toIntExact(total.toMillis()));
		return this;
	}

	/**
	 * The requests received so far, oldest first; each is recorded before it is answered.
	 * @return the requests
	 */
	public List<StubRequest> requests() {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		return events.stream().map((event) -> toStubRequest(event.getRequest())).toList();
	}

	/**
	 * Forget the requests received so far, e.g. between tests sharing one stub.
	 */
	public void resetRequests() {
		this.server.resetRequests();
	}

	/**
	 * The underlying WireMock server, to add stubs of your own, e.g. one that answers 429 or 500: a stub
	 * added with WireMock's default priority wins over the canned answers (but not over the 401 for a
	 * request without an {@code Authorization} header).
	 * @return the server
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	/**
	 * Stop the stub; calling it again does nothing.
	 */
	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.server.stop();
		}
	}

	@Override
	public String toString() {
		return "BytezStubServer{baseUrl=" + baseUrl() + ", tasks=" + tasks() + "}";
	}

	private void registerStubs() {
		this.server.stubFor(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_UNAUTHORIZED)
			.withHeader("Authorization", WireMock.absent())
			.willReturn(json(401, envelope(error("Unauthorized"), null))));
		this.server.stubFor(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_UNAUTHORIZED)
			.withHeader("Authorization", WireMock.matching("\\s*"))
			.willReturn(json(401, envelope(error("Unauthorized"), null))));
		for (TaskSpec task : this.tasks) {
			this.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(RUN_PATH + task.modelId()))
				.atPriority(PRIORITY_ANSWER)
				.willReturn(json(200, envelope(null, task.exampleOutput()))));
		}
		registerStreamStubs(DEFAULT_STREAM_CHUNKS, Math.toIntExact(DEFAULT_STREAM_DURATION.toMillis()));
		ArrayNode taskNames = this.mapper.createArrayNode();
		this.tasks.forEach((task) -> taskNames.add(task.task()));
		this.server.stubFor(WireMock.get(WireMock.urlPathEqualTo(TASKS_PATH))
			.atPriority(PRIORITY_ANSWER)
			.willReturn(json(200, envelope(null, taskNames))));
		this.server.stubFor(WireMock.get(WireMock.urlPathEqualTo(MODELS_PATH))
			.atPriority(PRIORITY_ANSWER)
			.withQueryParam("task", WireMock.absent())
			.willReturn(json(200, envelope(null, models(this.tasks)))));
		for (TaskSpec task : this.tasks) {
			this.server.stubFor(WireMock.get(WireMock.urlPathEqualTo(MODELS_PATH))
				.atPriority(PRIORITY_ANSWER)
				.withQueryParam("task", WireMock.equalTo(task.task()))
				.willReturn(json(200, envelope(null, models(List.of(task))))));
		}
		this.server.stubFor(WireMock.get(WireMock.urlPathEqualTo(MODELS_PATH))
			.atPriority(PRIORITY_NO_MATCH)
			.willReturn(json(200, envelope(null, models(List.of())))));
		this.server.stubFor(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_NOT_FOUND)
			.willReturn(json(404, envelope(error("Not found: the Bytez stub serves only the example models of "
					+ "the tasks " + tasks()), null))));
	}

	private synchronized void registerStreamStubs(int chunks, int totalMillis) {
		this.streamStubs.forEach(this.server::removeStub);
		this.streamStubs.clear();
		for (TaskSpec task : this.tasks) {
			if (task.streamsText()) {
				MappingBuilder stream = WireMock.post(WireMock.urlPathEqualTo(RUN_PATH + task.modelId()))
					.atPriority(PRIORITY_STREAM)
					.withRequestBody(WireMock.matchingJsonPath("$.stream", WireMock.equalTo("true")))
					.willReturn(WireMock.aResponse()
						.withStatus(200)
						.withHeader("Content-Type", TEXT)
						.withBody(task.exampleText().getBytes(StandardCharsets.UTF_8))
						.withChunkedDribbleDelay(chunks, totalMillis));
				this.streamStubs.add(this.server.stubFor(stream));
			}
		}
	}

	private ArrayNode models(List<TaskSpec> tasks) {
		ArrayNode models = this.mapper.createArrayNode();
		for (TaskSpec task : tasks) {
			ObjectNode model = models.addObject();
			model.put("modelId", task.modelId());
			model.put("task", task.task());
			model.put("params", PARAMS);
			model.put("ramRequired", RAM_REQUIRED);
			model.put("meter", METER);
			model.put("meterPrice", METER_PRICE);
		}
		return models;
	}

	private JsonNode error(String message) {
		return this.mapper.getNodeFactory().stringNode(message);
	}

	private String envelope(JsonNode error, JsonNode output) {
		ObjectNode envelope = this.mapper.createObjectNode();
		envelope.set("error", (error != null) ? error : this.mapper.nullNode());
		envelope.set("output", (output != null) ? output : this.mapper.nullNode());
		return this.mapper.writeValueAsString(envelope);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", JSON)
			.withBody(body.getBytes(StandardCharsets.UTF_8));
	}

	private static StubRequest toStubRequest(LoggedRequest request) {
		String url = request.getUrl();
		int question = url.indexOf('?');
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key(), header.values());
		}
		byte[] body = request.getBody();
		return new StubRequest(request.getMethod().getName(), (question >= 0) ? url.substring(0, question) : url,
				(question >= 0) ? url.substring(question + 1) : null, headers,
				(body != null) ? new String(body, StandardCharsets.UTF_8) : "");
	}

}
