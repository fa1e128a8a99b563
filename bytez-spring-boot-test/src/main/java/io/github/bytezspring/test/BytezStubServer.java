package io.github.bytezspring.test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * A Bytez-compatible HTTP stub on {@code 127.0.0.1} that answers each task's example
 * model with the example output of Bytez's own task specifications (all 34 tasks), so
 * applications and tests run without a network or an API key.
 * <p>
 * It serves:
 * <ul>
 * <li>{@code POST /models/v2/{model}}: the JSON envelope; chunked plain text for
 * {@code "stream": true} on text-producing models (paced by
 * {@link #streamPacing(StreamPacing)}); the raw bytes of a small generated PNG, WAV or
 * MP4 for {@code "json": false} on the media tasks' models;</li>
 * <li>{@code GET /models/v2/list/tasks}, {@code GET /models/v2/list/models} (with the
 * {@code task} and {@code modelId} filters) and
 * {@code GET /models/v2/list/clusters};</li>
 * <li>{@code PUT/GET/PATCH/DELETE /models/v2/{model}}: clusters, kept in memory;</li>
 * <li>{@code POST /models/v2/openai/v1/chat/completions} and {@code /completions} (JSON,
 * or Server-Sent Events ended by {@code data: [DONE]} for {@code "stream": true}) and
 * {@code /responses} (JSON, or OpenAI's Responses events for {@code "stream": true}); a
 * request with {@code tools} is answered with a call of its first (or its chosen)
 * tool.</li>
 * </ul>
 * A request without an {@code Authorization} header is answered 401. Tests change the
 * answers with {@link #answer}, script failures with {@link #script(String)}, and check
 * what was sent with {@link #requests()}, {@link #lastRequest(String)} and
 * {@link #maxConcurrentRequests()}. Point a client at {@link #baseUrl()} with
 * {@link #API_KEY}.
 */
public final class BytezStubServer implements AutoCloseable {

	/**
	 * The API key to configure; the stub accepts any non-empty {@code Authorization}
	 * header.
	 */
	public static final String API_KEY = "stub-key";

	/**
	 * How many chunks a streamed answer is split into unless {@link #streamPacing} says
	 * otherwise.
	 */
	static final int DEFAULT_STREAM_CHUNKS = 8;

	/** How long a streamed answer takes unless {@link #streamPacing} says otherwise. */
	static final Duration DEFAULT_STREAM_DURATION = Duration.ofMillis(400);

	static final StreamPacing DEFAULT_PACING = StreamPacing.chunks(DEFAULT_STREAM_CHUNKS).over(DEFAULT_STREAM_DURATION);

	// WireMock tries lower numbers first; stubs added without a priority get 5, so they
	// win over the
	// canned answers but not over scripts or the 401 for a missing key
	private static final int PRIORITY_UNAUTHORIZED = 1;

	private static final int PRIORITY_SCRIPTED = 2;

	private static final int PRIORITY_ANSWER = 10;

	// streams and delays hold a server thread each; enough for tests that load the stub
	// concurrently
	private static final int SERVER_THREADS = 64;

	/** The port {@link #main(String[])} listens on without {@code --port}. */
	static final int DEFAULT_MAIN_PORT = 8089;

	private final ObjectMapper mapper;

	private final StubModels models;

	private final StubClusters clusters;

	private final StubScripts scripts;

	private final InFlightGauge gauge;

	private final StubMetering metering = new StubMetering();

	private final WireMockServer server;

	// the stub's own mappings, which a reset keeps
	private final Set<UUID> ownMappings = ConcurrentHashMap.newKeySet();

	private final ScriptedAnswers scripted;

	private volatile StreamPacing pacing = DEFAULT_PACING;

	private volatile boolean strict;

	private volatile boolean strictByDefault;

	private boolean closed;

	private BytezStubServer(List<TaskSpec> tasks, int port) {
		this.mapper = JsonMapper.builder().build();
		this.models = new StubModels(tasks);
		this.clusters = new StubClusters(this.mapper, Clock.systemUTC());
		this.scripts = new StubScripts();
		this.gauge = new InFlightGauge(this.metering);
		OpenAiAnswers openAi = new OpenAiAnswers(this.mapper, this.models, () -> this.pacing, Clock.systemUTC());
		BytezAnswers answers = new BytezAnswers(this.mapper, this.models, this.clusters, openAi, () -> this.pacing,
				() -> this.strict);
		ScriptedAnswers scripted = new ScriptedAnswers(this.mapper, this.scripts, answers);
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.port(port)
			// WireMock's gzip makes Jetty buffer a whole body, which would defeat the
			// dribbled streams
			.gzipDisabled(true)
			.containerThreads(SERVER_THREADS)
			.mappingSource(new NoMappingFiles())
			.notifier(new LoggingNotifier())
			.httpServerFactory(this.gauge.serverFactory())
			.extensions(answers, scripted));
		this.scripted = scripted;
		registerStubs();
	}

	/**
	 * Start a stub on {@code 127.0.0.1} and a free port, loaded with every task file on
	 * the class path.
	 * @return the running stub; {@link #close() close} it when done
	 * @throws IllegalStateException when the task files cannot be read
	 */
	public static BytezStubServer start() {
		return start(0);
	}

	/**
	 * Start a stub on {@code 127.0.0.1} and the given port, loaded with every task file
	 * on the class path, e.g. to run an application against it from outside a test.
	 * @param port the port to listen on, or {@code 0} for a free one
	 * @return the running stub; {@link #close() close} it when done
	 * @throws IllegalArgumentException when the port is not between 0 and 65535
	 * @throws IllegalStateException when the task files cannot be read or the port is
	 * taken
	 */
	public static BytezStubServer start(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, () -> "port must be between 0 and 65535, not " + port);
		BytezStubServer stub = new BytezStubServer(TaskSpec.loadAll(JsonMapper.builder().build()), port);
		try {
			stub.server.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not start the Bytez stub on port " + port + ": " + ex.getMessage(),
					ex);
		}
		return stub;
	}

	/**
	 * Run a stub on its own until the JVM stops, printing its URL and key, e.g.
	 * {@code java -cp ... io.github.bytezspring.test.BytezStubServer --port 8089};
	 * without {@code --port} it listens on {@value #DEFAULT_MAIN_PORT}, with
	 * {@code --port 0} on a free port.
	 * @param args {@code --port <port>} or {@code --port=<port>}
	 * @throws InterruptedException when the thread waiting for the JVM to stop is
	 * interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		BytezStubServer stub = run(args, System.out);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.close();
			stopped.countDown();
		}, "bytez-stub-shutdown"));
		stopped.await();
	}

	/**
	 * Start a stub as {@link #main(String[])} does, printing its URL and key to
	 * {@code out}.
	 */
	static BytezStubServer run(String[] args, PrintStream out) {
		BytezStubServer stub = start(portArgument(args));
		out.println("Bytez stub listening at " + stub.baseUrl());
		out.println("  bytez.base-url=" + stub.baseUrl());
		out.println("  bytez.api-key=" + API_KEY);
		out.println("Stop it with Ctrl+C.");
		out.flush();
		return stub;
	}

	static int portArgument(String[] args) {
		int port = DEFAULT_MAIN_PORT;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value;
			if (arg.startsWith("--port=")) {
				value = arg.substring("--port=".length());
			}
			else if (arg.equals("--port") && i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw new IllegalArgumentException(
						"Unknown argument '" + arg + "': the stub takes only --port <port> (0 for a free port)");
			}
			try {
				port = Integer.parseInt(value.trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--port must be a number, not '" + value + "'");
			}
		}
		return port;
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
		return this.models.tasks().stream().map(TaskSpec::task).toList();
	}

	/**
	 * The model the stub answers for a task, the example model of the task's
	 * specification.
	 * @param task a task name, e.g. {@code chat}
	 * @return the model id, e.g. {@code Qwen/Qwen3-4B}
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public String exampleModel(String task) {
		return task(task).modelId();
	}

	/**
	 * The output the stub answers for a task's example model (unless changed with
	 * {@link #answer}).
	 * @param task a task name
	 * @return a copy of the example output
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public JsonNode exampleOutput(String task) {
		return task(task).exampleOutput().deepCopy();
	}

	/**
	 * The text the stub streams for a task's example model: the example output when it is
	 * a string, or its {@code content} when it is a chat message. For the tasks that
	 * stream text it is Bytez's documented text after a space, followed by a line break
	 * and characters of two, three and four bytes in UTF-8, e.g.
	 * {@code " Aaaaaaaargh matey\nÀ bientôt — 🦜"}, so that a relay that loses any of
	 * them shows it.
	 * @param task a task name
	 * @return the text, or {@code null} when the task's example output holds no text
	 * @throws IllegalArgumentException when the stub does not serve the task
	 */
	public @Nullable String exampleText(String task) {
		return task(task).exampleText();
	}

	/**
	 * The bytes the stub streams for a model asked with {@code "json": false}.
	 * @param modelId a media task's example model, or a model given {@link #answerMedia}
	 * @return a copy of the bytes, or {@code null} when the model streams no media
	 */
	public byte @Nullable [] media(String modelId) {
		StubModels.Media media = this.models.media(modelId);
		return (media != null) ? media.bytes().clone() : null;
	}

	/**
	 * The content type of what the stub streams for a model asked with
	 * {@code "json": false}.
	 * @param modelId the model
	 * @return e.g. {@code image/png}, or {@code null} when the model streams no media
	 */
	public @Nullable String mediaType(String modelId) {
		StubModels.Media media = this.models.media(modelId);
		return (media != null) ? media.contentType() : null;
	}

	private TaskSpec task(String task) {
		return this.models.tasks()
			.stream()
			.filter((candidate) -> candidate.task().equals(task))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"the Bytez stub serves no task '" + task + "'; it serves " + tasks()));
	}

	/**
	 * Answer a model with an output of your own, for the run endpoint (and, when it holds
	 * text, for streams and the OpenAI-compatible endpoints); the model need not be an
	 * example model.
	 * @param modelId the model, e.g. {@code openai/gpt-4o-mini}
	 * @param output the {@code output}, e.g. a string node or a chat message
	 * @return this stub
	 */
	public BytezStubServer answer(String modelId, JsonNode output) {
		this.models.answer(checkModelId(modelId), Objects.requireNonNull(output, "output").deepCopy());
		return this;
	}

	/**
	 * Answer a model with an output of your own, given as JSON text.
	 * @param modelId the model
	 * @param outputJson the {@code output} as JSON, e.g.
	 * {@code [{"label":"cat","score":0.9}]}
	 * @return this stub
	 * @throws tools.jackson.core.JacksonException when the text is not JSON
	 */
	public BytezStubServer answerJson(String modelId, String outputJson) {
		return answer(modelId, this.mapper.readTree(Objects.requireNonNull(outputJson, "outputJson")));
	}

	/**
	 * Answer a model with a text: the {@code output} string, streamed too.
	 * @param modelId the model
	 * @param text the text
	 * @return this stub
	 */
	public BytezStubServer answerText(String modelId, String text) {
		return answer(modelId, this.mapper.getNodeFactory().stringNode(Objects.requireNonNull(text, "text")));
	}

	/**
	 * Stream a media file for a model asked with {@code "json": false}.
	 * @param modelId the model
	 * @param contentType the file's content type, e.g. {@code image/png}
	 * @param bytes the file
	 * @return this stub
	 */
	public BytezStubServer answerMedia(String modelId, String contentType, byte[] bytes) {
		this.models.answerMedia(checkModelId(modelId), new StubModels.Media(
				Objects.requireNonNull(contentType, "contentType"), Objects.requireNonNull(bytes, "bytes").clone()));
		return this;
	}

	/**
	 * Change how streamed answers (text, media and Server-Sent Events) are delivered; 8
	 * chunks over 400ms by default.
	 * @param pacing the pacing, e.g.
	 * {@code StreamPacing.chunks(20).over(Duration.ofSeconds(2))}
	 * @return this stub
	 */
	public BytezStubServer streamPacing(StreamPacing pacing) {
		this.pacing = Objects.requireNonNull(pacing, "pacing");
		return this;
	}

	/**
	 * How streamed answers are delivered now.
	 * @return the pacing
	 */
	public StreamPacing streamPacing() {
		return this.pacing;
	}

	/**
	 * Change how streamed answers are delivered: split into {@code count} chunks spread
	 * over {@code total}; short for
	 * {@code streamPacing(StreamPacing.chunks(count).over(total))}.
	 * @param count the number of chunks, at least 1
	 * @param total the time from the request to the last chunk, zero or more
	 * @return this stub
	 */
	public BytezStubServer streamChunks(int count, Duration total) {
		return streamPacing(StreamPacing.chunks(count).over(total));
	}

	/**
	 * Script the answers to calls about one model: run and cluster calls to its path, and
	 * OpenAI-compatible calls whose {@code model} it is.
	 * @param modelId the model, e.g. {@code Qwen/Qwen3-4B}
	 * @return a script to complete, e.g. {@code .nextCalls(2).rateLimited()}
	 */
	public StubScript script(String modelId) {
		return new StubScript(this, this.scripts, checkModelId(modelId), StubScripts.EVERY_CALL);
	}

	/**
	 * Script the answers to every call, whatever it is about (list calls too).
	 * @return a script to complete, e.g. {@code .nextCall().connectionReset()}
	 */
	public StubScript script() {
		return new StubScript(this, this.scripts, null, StubScripts.EVERY_CALL);
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
	 * The requests about one model received so far, oldest first (see
	 * {@link StubRequest#modelId()}).
	 * @param modelId the model
	 * @return the requests
	 */
	public List<StubRequest> requests(String modelId) {
		return requests().stream().filter((request) -> modelId.equals(request.modelId())).toList();
	}

	/**
	 * The latest request received.
	 * @return the request
	 * @throws IllegalStateException when no request was received
	 */
	public StubRequest lastRequest() {
		List<StubRequest> requests = requests();
		if (requests.isEmpty()) {
			throw new IllegalStateException("the Bytez stub has received no request");
		}
		return requests.get(requests.size() - 1);
	}

	/**
	 * The latest request about a model.
	 * @param modelId the model
	 * @return the request
	 * @throws IllegalStateException when no request about the model was received
	 */
	public StubRequest lastRequest(String modelId) {
		List<StubRequest> all = requests();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (modelId.equals(all.get(i).modelId())) {
				return all.get(i);
			}
		}
		throw new IllegalStateException("the Bytez stub has received no request about " + modelId + "; it received "
				+ all.stream().map((request) -> request.method() + " " + request.path()).toList());
	}

	/**
	 * The most requests the stub was serving at once, counting the requests received
	 * since it started or since {@link #resetRequests()}, e.g. to check that a client
	 * keeps to its concurrency limit. A request counts from its arrival until the stub is
	 * about to send the last of its answer (or has failed to send it), so that a client
	 * starting its next request as soon as it has an answer is not counted twice.
	 * @return the number
	 */
	public int maxConcurrentRequests() {
		return this.gauge.max();
	}

	/**
	 * The rate-limit and metering headers sent on every answer: change their values,
	 * script a shrinking or growing limit, or switch them off.
	 * @return the stub's metering, live
	 */
	public StubMetering metering() {
		return this.metering;
	}

	/**
	 * The number of requests the stub is serving now.
	 * @return the number
	 */
	public int inFlightRequests() {
		return this.gauge.inFlight();
	}

	/**
	 * Forget the requests received so far and the most served at once, e.g. between tests
	 * sharing one stub.
	 */
	public void resetRequests() {
		this.server.resetRequests();
		this.gauge.reset();
	}

	/**
	 * Drop every script, answer, cluster, pacing change and WireMock stub of your own,
	 * and forget the requests: back to the stub as started. {@link BytezStubExtension}
	 * and {@link AutoConfigureBytezStub} do this before each test.
	 */
	public void reset() {
		// only the test's own WireMock stubs go: the stub's mappings stay, so that a call
		// in
		// flight during a reset (e.g. a warm-up the application started in the
		// background)
		// never meets a stub without mappings and a 404
		for (StubMapping mapping : this.server.getStubMappings()) {
			if (!this.ownMappings.contains(mapping.getId())) {
				this.server.removeStub(mapping);
			}
		}
		// as resetMappings() did: a scenario of the test's stubs starts again in the next
		// test
		this.server.resetScenarios();
		this.scripts.clear();
		this.models.reset();
		this.clusters.reset();
		this.pacing = DEFAULT_PACING;
		this.metering.restoreDefaults();
		this.strict = this.strictByDefault;
		resetRequests();
	}

	/**
	 * Switch strict mode on or off until the next {@link #reset()}, which restores the
	 * stub's default (on under {@link AutoConfigureBytezStub} and
	 * {@link BytezStubTestConfiguration} unless switched off there, off for
	 * {@link #start()}). In strict mode a run request for a model whose task the stub
	 * knows (a task's example model, or one given a task with
	 * {@link #task(String, String)}) is checked against the fields that task takes, and a
	 * field it does not take, such as {@code messages} sent to a text-generation model,
	 * is answered with a 400 {@code {"error":"Unexpected field 'messages':
	 * ...","output":null}} naming it. {@code params}, {@code stream}, {@code json} and
	 * {@code autoScale} are always accepted.
	 * @param strict whether to check requests
	 * @return this stub
	 */
	public BytezStubServer strict(boolean strict) {
		this.strict = strict;
		return this;
	}

	/**
	 * Whether strict mode is on.
	 * @return whether run requests are checked against their model's task
	 * @see #strict(boolean)
	 */
	public boolean isStrict() {
		return this.strict;
	}

	/**
	 * Make strict mode this stub's default: switch it on or off now and after every
	 * {@link #reset()}.
	 */
	BytezStubServer strictByDefault(boolean strict) {
		this.strictByDefault = strict;
		this.strict = strict;
		return this;
	}

	/**
	 * Give a model a task until the next {@link #reset()}: it answers that task's example
	 * output (unless given an answer of its own) and, in {@link #strict(boolean) strict
	 * mode}, its requests are checked against the fields the task takes.
	 * @param modelId the model, {@code org/name}
	 * @param task one of the {@link #tasks() tasks}, e.g. {@code chat}
	 * @return this stub
	 * @throws IllegalArgumentException when the model id is not {@code org/name} or there
	 * is no such task
	 */
	public BytezStubServer task(String modelId, String task) {
		this.models.declareTask(checkModelId(modelId), task);
		return this;
	}

	/**
	 * The underlying WireMock server, to add stubs of your own: a stub added with
	 * WireMock's default priority wins over the canned answers (but not over scripts, nor
	 * over the 401 for a request without an {@code Authorization} header).
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
		return "BytezStubServer{baseUrl=" + baseUrl() + ", tasks=" + tasks().size() + "}";
	}

	private void own(MappingBuilder mapping) {
		this.ownMappings.add(this.server.stubFor(mapping).getId());
	}

	private void registerStubs() {
		own(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_UNAUTHORIZED)
			.withHeader("Authorization", WireMock.absent())
			.willReturn(Envelope.error(401, "Unauthorized")));
		own(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_UNAUTHORIZED)
			.withHeader("Authorization", WireMock.matching("\\s*"))
			.willReturn(Envelope.error(401, "Unauthorized")));
		own(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_SCRIPTED)
			.andMatching(this.scripted)
			.willReturn(WireMock.aResponse().withTransformers(ScriptedAnswers.NAME)));
		own(WireMock.any(WireMock.anyUrl())
			.atPriority(PRIORITY_ANSWER)
			.willReturn(WireMock.aResponse().withTransformers(BytezAnswers.NAME)));
	}

	private static String checkModelId(String modelId) {
		if (modelId == null || modelId.isBlank() || modelId.indexOf('/') <= 0 || modelId.endsWith("/")) {
			throw new IllegalArgumentException("modelId must be 'org/name', not '" + modelId + "'");
		}
		return modelId;
	}

	private StubRequest toStubRequest(LoggedRequest request) {
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
