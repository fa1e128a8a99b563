package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOutput;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.model.BytezTask;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import io.github.bytezspring.client.model.output.Answer;
import io.github.bytezspring.client.model.output.DepthEstimation;
import io.github.bytezspring.client.model.output.DetectedObject;
import io.github.bytezspring.client.model.output.Entity;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.model.output.MaskFill;
import io.github.bytezspring.client.model.output.MaskGeneration;
import io.github.bytezspring.client.model.output.Segment;
import io.github.bytezspring.client.model.output.ZeroShotResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs every task of Bytez's task specifications
 * ({@code src/test/resources/bytez-api/tasks}, copied from Bytez's published files)
 * through a real template: the example request is built with {@link BytezInput}, must
 * reach the server with exactly the fields the specification names, and the example
 * output must read back as the task's typed output.
 */
class BytezTaskSpecTests {

	private static final String TASKS = "classpath:io/github/bytezspring/spec/tasks/*.openapi.json";

	/**
	 * Request fields that are options of the call, not input: {@code BytezTemplate} sets
	 * them.
	 */
	private static final Set<String> OPTIONS = Set.of("stream", "params", "json");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	/**
	 * How a task's media is sent: by {@code url}, or inline as {@code base64} (the
	 * specifications offer both, one at a time).
	 */
	enum Media {

		URL, BASE64

	}

	static Stream<Arguments> taskFiles() {
		List<Arguments> arguments = new ArrayList<>();
		for (Spec spec : specs()) {
			arguments.add(Arguments.of(spec.task(), Media.URL, spec));
			if (spec.inputFields().contains("base64")) {
				arguments.add(Arguments.of(spec.task(), Media.BASE64, spec));
			}
		}
		return arguments.stream();
	}

	@Test
	void everyTaskFileHasATaskAndEveryTaskAFile() {
		List<String> files = specs().stream().map(Spec::task).toList();
		assertThat(files).hasSize(34);
		assertThat(files)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(BytezTask.values()).map(BytezTask::wireName).toList());
	}

	@ParameterizedTest(name = "{0} ({1})")
	@MethodSource("taskFiles")
	void theExampleRequestIsSentAsSpecifiedAndTheExampleOutputReadsAsTheTasksType(String name, Media media, Spec spec) {
		BytezTask task = BytezTask.fromWireName(name);
		assertThat(spec.path()).isEqualTo("/models/v2/" + task.exampleModel());
		assertThat(task.streamsText()).as("streamsText() of " + task).isEqualTo(spec.properties().has("stream"));
		bytez.stubFor(post(urlEqualTo(spec.path())).willReturn(
				okJson(mapper.createObjectNode().putNull("error").set("output", spec.exampleOutput()).toString())));
		ObjectNode expectedBody = mapper.createObjectNode();
		BytezInput input = exampleInput(spec, media, expectedBody);

		BytezResponse response = template().run(task.exampleModel(), input).block(Duration.ofSeconds(10));

		JsonNode sent = mapper
			.readTree(bytez.findAll(postRequestedFor(urlEqualTo(spec.path()))).get(0).getBodyAsString());
		assertThat(fieldNames(sent)).as("fields sent for " + name)
			.containsExactlyInAnyOrderElementsOf(fieldNames(expectedBody));
		assertThat(sent).as("body sent for " + name).isEqualTo(expectedBody);
		Object typed = response.outputAs(task.output());
		assertSameJson(mapper.valueToTree(typed), spec.exampleOutput(), name + " output");
		spotCheck(task, response);
	}

	private static BytezTemplate template() {
		return BytezTemplate.builder()
			.apiKey("k")
			.baseUrl(bytez.baseUrl())
			.retryPolicy(BytezRetryPolicy.none())
			.build();
	}

	/**
	 * The task's example request as a {@link BytezInput}, built from the examples of the
	 * properties its schema names; {@code expectedBody} receives what must be sent.
	 */
	private static BytezInput exampleInput(Spec spec, Media media, ObjectNode expectedBody) {
		JsonNode messages = spec.properties().path("messages").get("example");
		BytezInput input = (messages != null)
				? BytezInput.messages(mapper.treeToValue(messages, new TypeReference<List<BytezMessage>>() {
				})) : BytezInput.none();
		for (String field : spec.inputFields()) {
			JsonNode example = spec.properties().get(field).get("example");
			switch (field) {
				case "messages" -> expectedBody.set(field, example);
				case "text" -> {
					input = input.withText(example.stringValue());
					expectedBody.set(field, example);
				}
				case "url" -> {
					if (media == Media.URL) {
						input = input.withUrl(example.stringValue());
						expectedBody.set(field, example);
					}
				}
				case "base64" -> {
					if (media == Media.BASE64) {
						// the example is a placeholder, 'data:image/jpg;base64,...': send
						// real bytes of its type
						String dataUrl = example.stringValue();
						MediaType type = MediaType.parseMediaType(dataUrl.substring(5, dataUrl.indexOf(';')));
						input = input.withBase64(BytezInput.base64(new byte[] { 1, 2, 3, 4 }, type).base64());
						expectedBody.put(field, "data:" + type + ";base64,AQIDBA==");
					}
				}
				case "question" -> {
					input = input.withQuestion(example.stringValue());
					expectedBody.set(field, example);
				}
				case "context" -> {
					input = input.withContext(example.stringValue());
					expectedBody.set(field, example);
				}
				case "candidate_labels" -> {
					input = input.withCandidateLabels(mapper.treeToValue(example, String[].class));
					expectedBody.set(field, example);
				}
				default -> fail("task " + spec.task() + " takes a field no BytezInput factory sets: " + field);
			}
		}
		return input;
	}

	/**
	 * A few values of each task's typed output, read through the typed accessors, against
	 * the example.
	 */
	private static void spotCheck(BytezTask task, BytezResponse response) {
		BytezOutput<?> expected = switch (task) {
			case AUDIO_CLASSIFICATION -> {
				List<Label> labels = response.outputAs(BytezOutput.LABELS);
				assertThat(labels).hasSize(12);
				assertThat(labels.get(0)).isEqualTo(new Label("no", 0.12049942463636398));
				assertThat(labels.get(11)).isEqualTo(new Label("_silence_", 0.03786593675613403));
				yield BytezOutput.LABELS;
			}
			case AUDIO_TEXT_TO_TEXT -> {
				assertThat(response.outputAs(BytezOutput.CHAT_MESSAGE))
					.isEqualTo(BytezMessage.assistant("The sound is of raindrops and birds chirping."));
				yield BytezOutput.CHAT_MESSAGE;
			}
			case AUTOMATIC_SPEECH_RECOGNITION -> {
				assertThat(response.outputAs(BytezOutput.TEXT)).isEqualTo("Down");
				yield BytezOutput.TEXT;
			}
			case CHAT, IMAGE_TEXT_TO_TEXT -> {
				BytezMessage message = response.outputAs(BytezOutput.CHAT_MESSAGE);
				assertThat(message.role()).isEqualTo("assistant");
				assertThat(message.text()).isEqualTo("Aaaaaaaargh matey");
				yield BytezOutput.CHAT_MESSAGE;
			}
			case DEPTH_ESTIMATION -> {
				DepthEstimation depth = response.outputAs(BytezOutput.DEPTH);
				assertThat(depth.depthPng()).isEqualTo("iVBORw0KGgoAAAANSUhE...");
				assertThat(depth.depth()).hasDimensions(3, 3);
				assertThat(depth.depth()[2]).containsExactly(0f, 1f, 2f);
				yield BytezOutput.DEPTH;
			}
			case DOCUMENT_QUESTION_ANSWERING -> {
				assertThat(response.outputAs(BytezOutput.ANSWERS))
					.containsExactly(new Answer("$154.06", 0.997048556804657, 75, 75));
				yield BytezOutput.ANSWERS;
			}
			case FEATURE_EXTRACTION, SENTENCE_SIMILARITY -> {
				assertThat(response.outputAs(BytezOutput.EMBEDDING)).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
				yield BytezOutput.EMBEDDING;
			}
			case FILL_MASK -> {
				assertThat(response.outputAs(BytezOutput.MASK_FILLS)).containsExactly(
						new MaskFill("Hello world!", 0.85, 83, "world"),
						new MaskFill("Hello there!", 0.1, 84, "there"));
				yield BytezOutput.MASK_FILLS;
			}
			case IMAGE_CLASSIFICATION -> {
				List<Label> labels = response.outputAs(BytezOutput.LABELS);
				assertThat(labels).extracting(Label::label)
					.containsExactly("beagle", "Egyptian cat", "English foxhound", "tabby, tabby cat",
							"Walker hound, Walker foxhound");
				assertThat(labels.get(0).score()).isEqualTo(0.5398777723312378);
				yield BytezOutput.LABELS;
			}
			case IMAGE_FEATURE_EXTRACTION -> {
				List<float[]> vectors = response.outputAs(BytezOutput.EMBEDDINGS);
				assertThat(vectors).hasSize(2);
				assertThat(vectors.get(1)).containsExactly(0.23f, 0.45f, 0.89f, 0.67f);
				yield BytezOutput.EMBEDDINGS;
			}
			case IMAGE_SEGMENTATION -> {
				List<Segment> segments = response.outputAs(BytezOutput.SEGMENTS);
				assertThat(segments).extracting(Segment::label)
					.containsExactly("unlabelled", "top, t-shirt, sweatshirt", "sleeve");
				assertThat(segments.get(2).score()).isNull();
				assertThat(segments.get(2).maskPng()).isEqualTo("iVBORw0KGgoAAAANSUhEUgAAAn8AAAHgCAAAAADx/");
				yield BytezOutput.SEGMENTS;
			}
			case IMAGE_TO_TEXT -> {
				assertThat(response.outputAs(BytezOutput.TEXT)).isEqualTo("A blind man walking a dog");
				yield BytezOutput.TEXT;
			}
			case MASK_GENERATION -> {
				MaskGeneration masks = response.outputAs(BytezOutput.MASKS);
				assertThat(masks.inputImageDimensions()).isEqualTo(new MaskGeneration.Dimensions(1264, 770));
				assertThat(masks.masks()).hasDimensions(3, 1);
				assertThat(masks.masks()[2][0]).containsExactly(1, 0, 1);
				assertThat(masks.scores()).containsExactly(0.996, 0.999, 0.601);
				yield BytezOutput.MASKS;
			}
			case OBJECT_DETECTION -> {
				assertThat(response.outputAs(BytezOutput.DETECTED_OBJECTS)).containsExactly(
						new DetectedObject("cat", 0.9996581077575684, new DetectedObject.Box(255, 175, 1110, 1531)));
				yield BytezOutput.DETECTED_OBJECTS;
			}
			case QUESTION_ANSWERING -> {
				assertThat(response.outputAs(BytezOutput.ANSWER))
					.isEqualTo(new Answer("Ron", 0.2002170979976654, 0, 3));
				yield BytezOutput.ANSWER;
			}
			case SUMMARIZATION -> {
				assertThat(response.outputAs(BytezOutput.TEXT))
					.isEqualTo("The Eiffel Tower is the tallest structure in Paris.");
				yield BytezOutput.TEXT;
			}
			case TEXT_CLASSIFICATION -> {
				assertThat(response.outputAs(BytezOutput.LABELS))
					.containsExactly(new Label("negative", 0.8025179505348206));
				yield BytezOutput.LABELS;
			}
			case TEXT_GENERATION -> {
				assertThat(response.outputAs(BytezOutput.TEXT))
					.startsWith("Once upon a time there was a beautiful home where a woman")
					.endsWith("return to her family...");
				yield BytezOutput.TEXT;
			}
			case TEXT_TO_AUDIO, TEXT_TO_SPEECH -> {
				assertThat(response.outputAs(BytezOutput.MEDIA_URL))
					.isEqualTo("https://api.bytez.com/audio/1234567890");
				yield BytezOutput.MEDIA_URL;
			}
			case TEXT_TO_IMAGE, UNCONDITIONAL_IMAGE_GENERATION -> {
				assertThat(response.outputAs(BytezOutput.MEDIA_URL))
					.isEqualTo("https://api.bytez.com/image/1234567890");
				yield BytezOutput.MEDIA_URL;
			}
			case TEXT_TO_VIDEO -> {
				assertThat(response.outputAs(BytezOutput.MEDIA_URL))
					.isEqualTo("https://api.bytez.com/video/1234567890");
				yield BytezOutput.MEDIA_URL;
			}
			case TEXT2TEXT_GENERATION -> {
				assertThat(response.outputAs(BytezOutput.TEXT))
					.isEqualTo("Once upon a time there was a beautiful home where there was a happy cat");
				yield BytezOutput.TEXT;
			}
			case TOKEN_CLASSIFICATION -> {
				List<Entity> entities = response.outputAs(BytezOutput.ENTITIES);
				assertThat(entities).hasSize(4);
				assertThat(entities.get(3)).isEqualTo(new Entity("B-ORG", 0.9984006285667419, 9, "Google", 35, 41));
				yield BytezOutput.ENTITIES;
			}
			case TRANSLATION -> {
				assertThat(response.outputAs(BytezOutput.TEXT)).isEqualTo("Bonjour");
				yield BytezOutput.TEXT;
			}
			case VIDEO_CLASSIFICATION -> {
				assertThat(response.outputAs(BytezOutput.LABELS))
					.containsExactly(new Label("LABEL_0", 0.635999858379364), new Label("LABEL_1", 0.364000141620636));
				yield BytezOutput.LABELS;
			}
			case VIDEO_TEXT_TO_TEXT -> {
				assertThat(response.outputAs(BytezOutput.CHAT_MESSAGE).text())
					.startsWith(" In this video, a toddler child is captured");
				yield BytezOutput.CHAT_MESSAGE;
			}
			case VISUAL_QUESTION_ANSWERING -> {
				assertThat(response.outputAs(BytezOutput.ANSWERS))
					.containsExactly(new Answer("octopus", null, null, null));
				yield BytezOutput.ANSWERS;
			}
			case ZERO_SHOT_CLASSIFICATION -> {
				ZeroShotResult result = response.outputAs(BytezOutput.ZERO_SHOT);
				assertThat(result.sequence()).isEqualTo("One day I will see the world");
				assertThat(result.asLabels().get(0)).isEqualTo(new Label("travel", 0.9941015839576721));
				assertThat(result.labels()).containsExactly("travel", "dancing", "cooking");
				yield BytezOutput.ZERO_SHOT;
			}
			case ZERO_SHOT_IMAGE_CLASSIFICATION -> {
				assertThat(response.outputAs(BytezOutput.LABELS)).extracting(Label::label)
					.containsExactly("cat", "octopus", "lizard");
				yield BytezOutput.LABELS;
			}
			case ZERO_SHOT_OBJECT_DETECTION -> {
				DetectedObject object = response.outputAs(BytezOutput.DETECTED_OBJECTS).get(0);
				assertThat(object.label()).isEqualTo("octopus");
				assertThat(object.box()).isEqualTo(new DetectedObject.Box(0, -2, 990, 665));
				yield BytezOutput.DETECTED_OBJECTS;
			}
		};
		assertThat(task.output()).as("output() of " + task).isSameAs(expected);
	}

	/**
	 * Whether a typed output, written back as JSON, holds every value of the example:
	 * numbers within float precision, and a null where the example has no field.
	 */
	private static void assertSameJson(JsonNode actual, JsonNode expected, String path) {
		if (expected == null || expected.isNull()) {
			assertThat(actual == null || actual.isNull()).as(path + " is null").isTrue();
		}
		else if (expected.isNumber()) {
			assertThat(actual).as(path).isNotNull();
			assertThat(actual.isNumber()).as(path + " is a number: " + actual).isTrue();
			assertThat(actual.doubleValue()).as(path)
				.isCloseTo(expected.doubleValue(), within(1e-6 * Math.max(1, Math.abs(expected.doubleValue()))));
		}
		else if (expected.isArray()) {
			assertThat(actual).as(path).isNotNull();
			assertThat(actual.isArray()).as(path + " is an array: " + actual).isTrue();
			assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				assertSameJson(actual.get(i), expected.get(i), path + "[" + i + "]");
			}
		}
		else if (expected.isObject()) {
			assertThat(actual).as(path).isNotNull();
			assertThat(actual.isObject()).as(path + " is an object: " + actual).isTrue();
			Set<String> names = new HashSet<>(fieldNames(expected));
			names.addAll(fieldNames(actual));
			for (String name : names) {
				assertSameJson(actual.get(name), expected.get(name), path + "." + name);
			}
		}
		else {
			assertThat(actual).as(path).isEqualTo(expected);
		}
	}

	private static List<String> fieldNames(JsonNode node) {
		return List.copyOf(node.propertyNames());
	}

	private static List<Spec> specs() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(TASKS);
			List<Spec> specs = new ArrayList<>();
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					specs.add(Spec.read(resource.getFilename().replace(".openapi.json", ""), mapper.readTree(in)));
				}
			}
			specs.sort(java.util.Comparator.comparing(Spec::task));
			return specs;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + TASKS, ex);
		}
	}

	/**
	 * One task file: its run path, the request schema's properties and the example
	 * output.
	 */
	record Spec(String task, String path, JsonNode properties, JsonNode exampleOutput) {

		static Spec read(String task, JsonNode file) {
			assertThat(file.path("paths").size()).as(task + " paths").isEqualTo(1);
			String path = fieldNames(file.path("paths")).get(0);
			JsonNode post = file.path("paths").path(path).path("post");
			JsonNode properties = post.path("requestBody")
				.path("content")
				.path("application/json")
				.path("schema")
				.path("properties");
			JsonNode output = post.path("responses")
				.path("200")
				.path("content")
				.path("application/json")
				.path("schema")
				.path("properties")
				.path("output")
				.get("example");
			assertThat(output).as(task + " example output").isNotNull();
			return new Spec(task, path, properties.isMissingNode() ? mapper.createObjectNode() : properties, output);
		}

		/**
		 * The fields of the request that are the task's input, in the order the schema
		 * names them.
		 */
		List<String> inputFields() {
			return fieldNames(this.properties).stream().filter((field) -> !OPTIONS.contains(field)).toList();
		}

		@Override
		public String toString() {
			return this.task;
		}

	}

}
