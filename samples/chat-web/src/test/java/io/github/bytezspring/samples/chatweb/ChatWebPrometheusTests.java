package io.github.bytezspring.samples.chatweb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.error.BytezPaymentRequiredException;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionRequest;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.test.AutoConfigureBytezStub;
import io.github.bytezspring.test.BytezStubServer;
import io.github.bytezspring.test.StreamPacing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The documented PromQL against a real Prometheus (Debian's {@code prometheus}): it
 * scrapes this sample's {@code /actuator/prometheus} every second while the test makes
 * calls against the stub (streams, plain runs, an OpenAI-compatible chat, a retried 429,
 * a 429 given up on, a 402), then every query of the {@code promql} blocks in docs/ and
 * every query of docs/grafana-bytez-dashboard.json (its variables substituted as Grafana
 * would) must return at least one series with a number.
 * <p>
 * Part of the normal build: it fails, naming the package, when {@code prometheus} is
 * missing ({@code .ci/run} installs it).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bytez.retry.max-retries=1", "bytez.retry.initial-backoff=10ms",
				"bytez.retry.max-backoff=20ms" })
@AutoConfigureBytezStub
class ChatWebPrometheusTests {

	static final Path DOCS = Paths.get("..", "..", "docs");

	static final Path DASHBOARD = DOCS.resolve("grafana-bytez-dashboard.json");

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private static final String FALLBACK_SUMMARY_MODEL = "facebook/bart-large-cnn";

	private static final Pattern PROMQL_BLOCK = Pattern.compile("```promql\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+), *(\\w+)\\)");

	@Autowired
	BytezOperations bytez;

	@Autowired
	BytezStubServer stub;

	@LocalServerPort
	int port;

	@Value("${spring.application.name}")
	String application;

	@TempDir
	Path temp;

	@Test
	void everyDocumentedQueryReturnsSeries() throws Exception {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.putAll(documentedQueries());
		queries.putAll(dashboardQueries());
		Map<String, String> variables = dashboardVariables();
		this.stub.streamPacing(StreamPacing.chunks(4));
		try (PrometheusServer prometheus = PrometheusServer.start(this.temp, "127.0.0.1:" + this.port,
				"/actuator/prometheus")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> "up".equals(prometheus.targetHealth()));
			// two rounds with a scrape between them: a rate needs a series that grows
			// between two scrapes
			makeCalls();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !prometheus.query("bytez_client_requests_seconds_count{outcome=\"PAYMENT_REQUIRED\"}")
					.isEmpty());
			makeCalls();
			Map<String, Integer> series = new LinkedHashMap<>();
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				for (Map.Entry<String, String> query : queries.entrySet()) {
					List<JsonNode> result = prometheus.query(query.getValue());
					assertThat(result).as("series of %s: %s", query.getKey(), query.getValue())
						.isNotEmpty()
						.anySatisfy((one) -> assertThat(number(one)).isFinite());
					series.put(query.getKey(), result.size());
				}
				for (Map.Entry<String, String> variable : variables.entrySet()) {
					List<JsonNode> result = prometheus.query(variable.getValue());
					assertThat(result)
						.as("values of the dashboard variable %s: %s", variable.getKey(), variable.getValue())
						.isNotEmpty()
						.allSatisfy((one) -> assertThat(one.path("metric").path(variable.getKey()).asString())
							.isNotEmpty());
					series.put("variable $" + variable.getKey(), result.size());
				}
			});
			StringBuilder report = new StringBuilder("Series per documented query:\n");
			series.forEach((name, count) -> report.append(count).append('\t').append(name).append('\n'));
			System.out.print(report);
			assertThat(series).hasSize(queries.size() + variables.size());
		}
	}

	/**
	 * Calls that make every documented series exist: streams, plain runs, an
	 * OpenAI-compatible chat with usage, a 429 retried once, a 429 given up on and a 402.
	 */
	private void makeCalls() {
		for (int i = 0; i < 2; i++) {
			List<String> pieces = this.bytez
				.stream(ChatController.CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hello")))
				.collectList()
				.block(CALL_TIMEOUT);
			assertThat(pieces).isNotEmpty();
		}
		assertThat(summarize().outputText()).isNotBlank();
		ChatCompletion completion = this.bytez.openAi()
			.chatCompletion(ChatCompletionRequest.of(ChatController.CHAT_MODEL, ChatMessage.user("Hello there")))
			.block(CALL_TIMEOUT);
		assertThat(completion.usage()).isNotNull();
		this.stub.script(ChatController.SUMMARY_MODEL).nextCall().rateLimited();
		assertThat(summarize().outputText()).isNotBlank();
		this.stub.script(ChatController.SUMMARY_MODEL).nextCalls(2).rateLimited();
		assertThatExceptionOfType(BytezRateLimitException.class).isThrownBy(this::summarize);
		this.stub.script(ChatController.SUMMARY_MODEL).nextCall().error(402, "Payment Required");
		assertThatExceptionOfType(BytezPaymentRequiredException.class).isThrownBy(this::summarize);
		// a 402 handed to the next model of a fallback chain (docs/failover.md)
		this.stub.task(FALLBACK_SUMMARY_MODEL, "summarization");
		this.stub.script(ChatController.SUMMARY_MODEL).nextCall().error(402, "Payment Required");
		BytezResponse fallback = this.bytez
			.run(ChatController.SUMMARY_MODEL, BytezInput.text("A long text to summarise."),
					BytezOptions.builder().fallbackModels(FALLBACK_SUMMARY_MODEL).build())
			.block(CALL_TIMEOUT);
		assertThat(fallback.model()).isEqualTo(FALLBACK_SUMMARY_MODEL);
	}

	private BytezResponse summarize() {
		return this.bytez.run(ChatController.SUMMARY_MODEL, BytezInput.text("A long text to summarise."))
			.block(CALL_TIMEOUT);
	}

	/**
	 * Every query of every {@code promql} block in docs/*.md: queries are separated by
	 * blank lines, {@code #} lines are comments, and a query may go on over several
	 * lines.
	 */
	static Map<String, String> documentedQueries() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		List<Path> pages;
		try (var files = Files.list(DOCS)) {
			pages = files.filter((file) -> file.toString().endsWith(".md")).sorted().toList();
		}
		for (Path page : pages) {
			Matcher block = PROMQL_BLOCK.matcher(Files.readString(page));
			while (block.find()) {
				for (String paragraph : block.group(1).split("\\n\\s*\\n")) {
					List<String> lines = new ArrayList<>();
					String comment = "";
					for (String line : paragraph.strip().split("\\n")) {
						if (line.strip().startsWith("#")) {
							comment = line.strip().substring(1).strip();
						}
						else {
							lines.add(line.strip());
						}
					}
					if (!lines.isEmpty()) {
						String query = String.join(" ", lines);
						queries.put(page.getFileName() + ": " + (comment.isEmpty() ? query : comment), query);
					}
				}
			}
		}
		assertThat(queries).as("PromQL queries in docs/metrics.md").isNotEmpty();
		return queries;
	}

	/**
	 * Every target's {@code expr} of the dashboard's panels, with its variables
	 * substituted as Grafana does: the application is this one, the model is "All"
	 * ({@code .*}), the rate interval one minute.
	 */
	Map<String, String> dashboardQueries() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		collectTargets(JsonMapper.builder().build().readTree(DASHBOARD.toFile()).path("panels"), queries);
		assertThat(queries).as("queries of %s", DASHBOARD).isNotEmpty();
		return queries;
	}

	private void collectTargets(JsonNode panels, Map<String, String> queries) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				String name = "dashboard: " + panel.path("title").asString() + " ["
						+ target.path("legendFormat").asString() + "]";
				String previous = queries.put(name, substitute(target.path("expr").asString()));
				assertThat(previous).as("another query named %s", name).isNull();
			}
			collectTargets(panel.path("panels"), queries);
		}
	}

	private String substitute(String expr) {
		// Grafana writes a chosen value as a regular expression; this application's name
		// has no special
		// character in it
		String substituted = expr.replace("$application", this.application)
			.replace("$model", ".*")
			.replace("$__rate_interval", "1m");
		assertThat(substituted).as("variables left in %s", expr).doesNotContain("$");
		return substituted;
	}

	/**
	 * The dashboard's {@code label_values(metric, label)} variables, as queries whose
	 * series carry the label.
	 */
	static Map<String, String> dashboardVariables() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		for (JsonNode variable : JsonMapper.builder()
			.build()
			.readTree(DASHBOARD.toFile())
			.path("templating")
			.path("list")) {
			Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").asString());
			if (labelValues.matches()) {
				variables.put(labelValues.group(2),
						"group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")");
			}
		}
		assertThat(variables).containsKeys("application", "bytez_model");
		return variables;
	}

	private static double number(JsonNode series) {
		return Double.parseDouble(series.path("value").path(1).asString());
	}

}
