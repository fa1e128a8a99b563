package io.github.bytezspring.samples.chatweb;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus for a test: Debian's {@code prometheus} on a free loopback port,
 * scraping one target every second, its data in a folder of the test's, stopped by its
 * PID on {@link #close()}. Fails (never skips) when {@code prometheus} is not installed:
 * {@code .ci/run} installs it.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start Prometheus scraping {@code http://target/path} every second, and wait until
	 * it is ready.
	 * @param dir the folder for its configuration, data and log
	 * @param target the scraped {@code host:port}
	 * @param path the scraped path, e.g. {@code /actuator/prometheus}
	 * @return the running server
	 */
	static PrometheusServer start(Path dir, String target, String path) throws IOException {
		Path config = dir.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: application
				    metrics_path: %s
				    static_configs:
				      - targets: ['%s']
				""".formatted(path, target));
		int port = freePort();
		Path log = dir.resolve("prometheus.log");
		Process process = new ProcessBuilder(executable(), "--config.file=" + config,
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, port, log);
		try {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.failFast("prometheus exited", () -> !process.isAlive())
				.until(server::ready);
		}
		catch (RuntimeException | Error ex) {
			server.close();
			throw new IllegalStateException("prometheus did not start; its log:\n" + server.log(), ex);
		}
		return server;
	}

	/**
	 * Evaluate a PromQL query now, through the HTTP API.
	 * @param query the query
	 * @return the result's series (or scalar), as Prometheus returns them
	 */
	List<JsonNode> query(String query) throws IOException, InterruptedException {
		JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		assertThat(answer.path("status").asString()).as("Prometheus's answer to %s: %s", query, answer)
			.isEqualTo("success");
		List<JsonNode> result = new ArrayList<>();
		answer.path("data").path("result").forEach(result::add);
		return result;
	}

	/**
	 * The health of the scraped target, as Prometheus last saw it.
	 * @return {@code up}, {@code down} or {@code unknown}
	 */
	String targetHealth() throws IOException, InterruptedException {
		JsonNode targets = get("/api/v1/targets").path("data").path("activeTargets");
		return targets.isEmpty() ? "unknown" : targets.get(0).path("health").asString();
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	@Override
	public void close() {
		ProcessHandle handle = this.process.toHandle();
		handle.destroy();
		await().atMost(Duration.ofSeconds(10)).until(() -> !handle.isAlive());
	}

	private boolean ready() {
		try {
			HttpResponse<Void> response = this.http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	private HttpRequest request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(5))
			.build();
	}

	private static String executable() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File candidate = new File(dir, "prometheus");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		return fail("prometheus is not installed; this test needs a real Prometheus (apt-get install prometheus)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
