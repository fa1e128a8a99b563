package io.github.bytezspring.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub's normal answers, computed per request from its state: the run endpoint (JSON,
 * text streams, media streams), the list endpoints, the cluster endpoints and the
 * OpenAI-compatible ones.
 * <p>
 * A WireMock response transformer, so that WireMock still does the HTTP, the chunked
 * dribbling, the faults and the request journal.
 */
final class BytezAnswers implements ResponseDefinitionTransformerV2 {

	static final String NAME = "bytez-answers";

	static final String RUN_PATH = "/models/v2/";

	static final String TASKS_PATH = "/models/v2/list/tasks";

	static final String MODELS_PATH = "/models/v2/list/models";

	static final String CLUSTERS_PATH = "/models/v2/list/clusters";

	static final String REQUEST_PATH = "/models/v2/request/";

	private static final String TEXT = "text/plain; charset=utf-8";

	// the list endpoint's pricing fields, as Bytez shows them for its smallest meter
	private static final String METER = "sm-free";

	private static final String METER_PRICE = "0.0006478333 / sec";

	// placeholder sizes: the task files do not say how large their example models are
	private static final double PARAMS = 1.0;

	private static final double RAM_REQUIRED = 4.0;

	private final ObjectMapper mapper;

	private final StubModels models;

	private final StubClusters clusters;

	private final OpenAiAnswers openAi;

	private final Supplier<StreamPacing> pacing;

	private final BooleanSupplier strict;

	BytezAnswers(ObjectMapper mapper, StubModels models, StubClusters clusters, OpenAiAnswers openAi,
			Supplier<StreamPacing> pacing, BooleanSupplier strict) {
		this.mapper = mapper;
		this.models = models;
		this.clusters = clusters;
		this.openAi = openAi;
		this.pacing = pacing;
		this.strict = strict;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		return answer(serveEvent.getRequest()).build();
	}

	/**
	 * The normal answer to a request.
	 * @param request the request
	 * @return the answer
	 */
	ResponseDefinitionBuilder answer(Request request) {
		String path = pathOf(request);
		String method = request.getMethod().getName();
		if (path.equals(TASKS_PATH) && method.equals("GET")) {
			ArrayNode names = this.mapper.createArrayNode();
			this.models.tasks().forEach((task) -> names.add(task.task()));
			return Envelope.ok(names);
		}
		if (path.equals(MODELS_PATH) && method.equals("GET")) {
			return Envelope.ok(listModels(request.queryParameter("task"), request.queryParameter("modelId")));
		}
		if (path.equals(CLUSTERS_PATH) && method.equals("GET")) {
			ArrayNode list = this.mapper.createArrayNode();
			this.clusters.list().forEach(list::add);
			return Envelope.ok(list);
		}
		if (path.startsWith(OpenAiAnswers.PREFIX) && method.equals("POST")) {
			JsonNode body = jsonBody(request);
			return (body != null && body.isObject())
					? this.openAi.answer(path.substring(OpenAiAnswers.PREFIX.length()), body)
					: Envelope.error(400, "The body must be a JSON object");
		}
		if (path.startsWith(REQUEST_PATH) && method.equals("POST")) {
			String requested = modelOfPath(RUN_PATH + path.substring(REQUEST_PATH.length()));
			return (requested != null) ? Envelope.ok(this.mapper.getNodeFactory().stringNode("Job queued"))
					: Envelope.error(400, "The path must name a model: /models/v2/request/{org}/{name}");
		}
		String modelId = modelOfPath(path);
		if (modelId != null) {
			return switch (method) {
				case "POST" -> run(modelId, request);
				case "PUT", "GET", "PATCH", "DELETE" -> cluster(method, modelId, request);
				default -> Envelope.error(405, "Method " + method + " is not allowed on " + path);
			};
		}
		return notFound();
	}

	private ResponseDefinitionBuilder run(String modelId, Request request) {
		JsonNode body = jsonBody(request);
		if (body == null || !body.isObject()) {
			return Envelope.error(400, "The body must be a JSON object");
		}
		if (!this.models.knows(modelId)) {
			return notFound();
		}
		if (this.strict.getAsBoolean()) {
			ResponseDefinitionBuilder refused = checkFields(modelId, body);
			if (refused != null) {
				return refused;
			}
		}
		this.clusters.inference(modelId);
		StreamPacing pacing = this.pacing.get();
		if (body.has("json") && !body.get("json").asBoolean(true)) {
			StubModels.Media media = this.models.media(modelId);
			if (media != null) {
				return WireMock.aResponse()
					.withStatus(200)
					.withHeader("Content-Type", media.contentType())
					.withBody(media.bytes())
					.withChunkedDribbleDelay(pacing.chunkCount(media.bytes().length),
							pacing.totalMillis(media.bytes().length));
			}
		}
		if (body.path("stream").asBoolean(false)) {
			String text = this.models.streamedText(modelId);
			if (text != null && !text.isEmpty()) {
				byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
				return WireMock.aResponse()
					.withStatus(200)
					.withHeader("Content-Type", TEXT)
					.withBody(bytes)
					.withChunkedDribbleDelay(pacing.chunkCount(bytes.length), pacing.totalMillis(bytes.length));
			}
		}
		return Envelope.ok(this.models.output(modelId));
	}

	/**
	 * Strict mode's check of a run request: a field the model's task does not take is
	 * refused with a 400 naming it, as Bytez refuses an input it cannot use.
	 */
	private @Nullable ResponseDefinitionBuilder checkFields(String modelId, JsonNode body) {
		TaskSpec task = this.models.taskOf(modelId);
		if (task == null) {
			return null;
		}
		String unexpected = task.unexpectedField(body);
		if (unexpected == null) {
			return null;
		}
		return Envelope.error(400, "Unexpected field '" + unexpected + "': " + modelId + " is a " + task.task()
				+ " model, which takes " + task.acceptedFields() + " (the Bytez stub's strict mode)");
	}

	private ResponseDefinitionBuilder cluster(String method, String modelId, Request request) {
		try {
			ObjectNode cluster = switch (method) {
				case "PUT" -> this.clusters.create(modelId, objectBody(request));
				case "PATCH" -> this.clusters.update(modelId, objectBody(request));
				case "DELETE" -> this.clusters.delete(modelId);
				default -> this.clusters.read(modelId);
			};
			return Envelope.ok(cluster);
		}
		catch (StubClusters.ClusterException ex) {
			return Envelope.error(ex.status(), ex.getMessage());
		}
	}

	private JsonNode objectBody(Request request) {
		JsonNode body = jsonBody(request);
		if (body == null || !body.isObject()) {
			throw new StubClusters.ClusterException(400, "The body must be a JSON object");
		}
		return body;
	}

	private ArrayNode listModels(QueryParameter task, QueryParameter modelId) {
		ArrayNode list = this.mapper.createArrayNode();
		for (TaskSpec spec : this.models.tasks()) {
			if ((task == null || !task.isPresent() || task.values().contains(spec.task()))
					&& (modelId == null || !modelId.isPresent() || modelId.values().contains(spec.modelId()))) {
				ObjectNode model = list.addObject();
				model.put("modelId", spec.modelId());
				model.put("task", spec.task());
				model.put("params", PARAMS);
				model.put("ramRequired", RAM_REQUIRED);
				model.put("meter", METER);
				model.put("meterPrice", METER_PRICE);
			}
		}
		return list;
	}

	private ResponseDefinitionBuilder notFound() {
		List<String> names = this.models.tasks().stream().map(TaskSpec::task).toList();
		return Envelope.error(404, "Not found: the Bytez stub serves only the example models of its " + names.size()
				+ " tasks and models given an answer (see GET /models/v2/list/models)");
	}

	private @Nullable JsonNode jsonBody(Request request) {
		byte[] body = request.getBody();
		if (body == null || body.length == 0) {
			return this.mapper.createObjectNode();
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The path of a request, without its query.
	 * @param request the request
	 * @return the path
	 */
	static String pathOf(Request request) {
		String url = request.getUrl();
		int question = url.indexOf('?');
		return (question >= 0) ? url.substring(0, question) : url;
	}

	/**
	 * The model a run or cluster path names.
	 * @param path a path such as {@code /models/v2/Qwen/Qwen3-4B}
	 * @return the model id, or {@code null} when the path names none (a list or OpenAI
	 * path, say)
	 */
	static @Nullable String modelOfPath(String path) {
		if (!path.startsWith(RUN_PATH)) {
			return null;
		}
		String rest = path.substring(RUN_PATH.length());
		int slash = rest.indexOf('/');
		if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0 || rest.startsWith("list/")) {
			return null;
		}
		return rest;
	}

	/**
	 * The model a request is about: the one in a run or cluster path, or an
	 * OpenAI-compatible body's {@code model}.
	 * @param path the request's path
	 * @param body the request's body, may be {@code null}
	 * @param mapper reads the body
	 * @return the model id, or {@code null}
	 */
	static @Nullable String modelOf(String path, byte[] body, ObjectMapper mapper) {
		String modelId = modelOfPath(path);
		if (modelId != null || !path.startsWith(OpenAiAnswers.PREFIX) || body == null || body.length == 0) {
			return modelId;
		}
		try {
			JsonNode model = mapper.readTree(body).get("model");
			return (model != null && model.isString()) ? model.stringValue() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
