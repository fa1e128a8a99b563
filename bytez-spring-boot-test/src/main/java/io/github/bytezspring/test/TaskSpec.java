package io.github.bytezspring.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * What the stub knows of one Bytez task, read from the task's OpenAPI file: its example
 * model and the example output Bytez documents for it.
 *
 * @param task the task name, e.g. {@code chat}, taken from the file name
 * {@code chat.openapi.json}
 * @param modelId the example model, e.g. {@code Qwen/Qwen3-4B}
 * @param exampleOutput the documented example of the run endpoint's {@code output}
 * @param streamable whether the task's request takes {@code stream: true}
 * @param fields the top-level fields of the task's request body, e.g. {@code text},
 * {@code params}
 */
record TaskSpec(String task, String modelId, JsonNode exampleOutput, boolean streamable, Set<String> fields) {

	/**
	 * Fields every run request may carry whatever its task: model parameters, text
	 * streaming, media streaming, Bytez's auto-scaling switch, and the generic
	 * {@code input} that Bytez's v3 SDKs send in place of a task's own field.
	 */
	static final Set<String> COMMON_FIELDS = Set.of("params", "stream", "json", "autoScale", "input");

	/**
	 * Where the task files are; every file there is loaded, so adding a task is adding a
	 * file.
	 */
	static final String LOCATION = "classpath*:io/github/bytezspring/spec/tasks/*.openapi.json";

	private static final Pattern FILE_NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)\\.openapi\\.json");

	private static final String RUN_PATH_PREFIX = "/models/v2/";

	/**
	 * The text a streamed answer is made of: a string output as is, or a chat message's
	 * {@code content}.
	 * @return the text, or {@code null} when the example output holds none
	 */
	@Nullable String exampleText() {
		return textOf(this.exampleOutput);
	}

	/**
	 * The text an output is made of: a string as is, or a chat message's {@code content}.
	 * @param output a run endpoint's {@code output}
	 * @return the text, or {@code null} when the output holds none
	 */
	static @Nullable String textOf(@Nullable JsonNode output) {
		if (output == null) {
			return null;
		}
		if (output.isString()) {
			return output.stringValue();
		}
		JsonNode content = output.get("content");
		return (content != null && content.isString()) ? content.stringValue() : null;
	}

	/**
	 * Whether the stub streams this task's example text when asked to.
	 * @return {@code true} for text-producing tasks that take {@code stream: true}
	 */
	boolean streamsText() {
		return this.streamable && exampleText() != null;
	}

	/**
	 * Load every task file found at {@link #LOCATION}, ordered by task name.
	 * @param mapper the mapper that reads the files
	 * @return the tasks
	 * @throws IllegalStateException when there is no task file, or one is not as expected
	 */
	static List<TaskSpec> loadAll(ObjectMapper mapper) {
		ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(TaskSpec.class.getClassLoader());
		Resource[] resources;
		try {
			resources = resolver.getResources(LOCATION);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not list the Bytez task files at " + LOCATION, ex);
		}
		List<TaskSpec> tasks = new ArrayList<>();
		for (Resource resource : resources) {
			TaskSpec task = CannedAnswers.of(load(mapper, resource));
			if (tasks.stream().noneMatch((loaded) -> loaded.task().equals(task.task()))) {
				tasks.add(task);
			}
		}
		if (tasks.isEmpty()) {
			throw new IllegalStateException("no Bytez task files found at " + LOCATION);
		}
		tasks.sort(Comparator.comparing(TaskSpec::task));
		return List.copyOf(tasks);
	}

	private static TaskSpec load(ObjectMapper mapper, Resource resource) {
		String fileName = resource.getFilename();
		Matcher matcher = FILE_NAME.matcher((fileName != null) ? fileName : "");
		if (!matcher.matches()) {
			throw new IllegalStateException("task file '" + fileName + "' is not named <task>.openapi.json");
		}
		try (InputStream in = resource.getInputStream()) {
			return read(matcher.group(1), mapper.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read task file " + fileName, ex);
		}
	}

	/**
	 * Read one task's OpenAPI document.
	 * @param task the task name
	 * @param spec the document
	 * @return the task
	 * @throws IllegalStateException when the document has not exactly one run path with
	 * an example output
	 */
	static TaskSpec read(String task, JsonNode spec) {
		JsonNode paths = spec.path("paths");
		if (!paths.isObject() || paths.size() != 1) {
			throw invalid(task, "has not exactly one path");
		}
		Map.Entry<String, JsonNode> path = paths.properties().iterator().next();
		String modelId = path.getKey().startsWith(RUN_PATH_PREFIX) ? path.getKey().substring(RUN_PATH_PREFIX.length())
				: "";
		if (modelId.indexOf('/') <= 0 || modelId.endsWith("/")) {
			throw invalid(task, "has path '" + path.getKey() + "' instead of /models/v2/{org}/{name}");
		}
		JsonNode post = path.getValue().path("post");
		JsonNode example = post.path("responses")
			.path("200")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("properties")
			.path("output")
			.get("example");
		if (example == null) {
			throw invalid(task, "has no example output (responses.200 ... properties.output.example)");
		}
		JsonNode properties = post.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("properties");
		Set<String> fields = new TreeSet<>(properties.propertyNames());
		return new TaskSpec(task, modelId, example, properties.has("stream"), Collections.unmodifiableSet(fields));
	}

	/**
	 * The first top-level field of a run request body that this task does not take, as
	 * strict mode checks it.
	 * @param body the request body
	 * @return the field's name, or {@code null} when every field is one the task takes
	 */
	@Nullable String unexpectedField(JsonNode body) {
		for (String name : body.propertyNames()) {
			if (!this.fields.contains(name) && !COMMON_FIELDS.contains(name)) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The fields a request for this task may carry, for error messages.
	 * @return e.g. {@code text, params, stream, json, autoScale}
	 */
	String acceptedFields() {
		Set<String> accepted = new LinkedHashSet<>(this.fields);
		accepted.addAll(new TreeSet<>(COMMON_FIELDS));
		return String.join(", ", accepted);
	}

	private static IllegalStateException invalid(String task, String problem) {
		return new IllegalStateException("Bytez task file " + task + ".openapi.json " + problem);
	}

}
