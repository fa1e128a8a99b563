package io.github.bytezspring.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import reactor.core.publisher.Mono;

/**
 * The load harness: runs one scenario with one client in this process and prints one JSON
 * line of results, prefixed {@code RESULT }.
 * <p>
 * Usage:
 * {@code LoadMain client=template|template-no-http-observation|template-without-boot|webclient|boot-webclient|boot-webclient-observed scenario=run|stream|media base-url=http://127.0.0.1:N
 * [requests=20000] [warmup=5000] [concurrency=64] [chunks=50] [gap-ms=20] [blocks=3200] [dir=/tmp]
 * [label=...] [out=results.jsonl] [jfr=measured-phase.jfr] [properties=name=value,name=value]
 * [media-api=to|flux]}; {@code properties} are application properties of the
 * auto-configured template, {@code media-api} picks {@code streamMediaTo} (default) or
 * {@code streamMedia} + {@code DataBufferUtils.write}.
 */
public final class LoadMain {

	private static final Duration PHASE_LIMIT = Duration.ofMinutes(5);

	private final Map<String, String> args;

	private LoadMain(Map<String, String> args) {
		this.args = args;
	}

	/**
	 * Run the scenario the arguments name.
	 * @param args {@code key=value} pairs
	 * @throws Exception when the scenario cannot run at all
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> parsed = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			parsed.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		String json = new LoadMain(parsed).call();
		System.out.println("RESULT " + json);
		String out = parsed.get("out");
		if (out != null) {
			Files.writeString(Path.of(out), json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		System.exit(0);
	}

	private String call() throws IOException {
		String clientName = required("client");
		String scenario = required("scenario");
		String baseUrl = required("base-url");
		StringBuilder json = new StringBuilder("{\"client\":\"").append(clientName)
			.append("\",\"scenario\":\"")
			.append(scenario)
			.append("\",\"label\":\"")
			.append(this.args.getOrDefault("label", scenario))
			.append('"');
		if (this.args.containsKey("properties")) {
			json.append(",\"properties\":\"").append(this.args.get("properties")).append('"');
		}
		try (BenchClient client = switch (clientName) {
			case "template" ->
				new TemplateClient(baseUrl, properties(), !"flux".equals(this.args.getOrDefault("media-api", "to")));
			// the same, with Boot's http.client.requests observation of each attempt off
			// (bytez.client.requests, the call's own, stays): what the child observation
			// costs the template
			case "template-no-http-observation" ->
				new TemplateClient(baseUrl, withProperty(properties(), "bench.http-client-requests=false"),
						!"flux".equals(this.args.getOrDefault("media-api", "to")));
			case "template-without-boot" -> TemplateClient.withoutBoot(baseUrl);
			case "webclient" -> new BareWebClient(baseUrl);
			case "boot-webclient" -> new BootWebClient(baseUrl);
			case "boot-webclient-observed" -> new BootWebClient(baseUrl, true);
			default -> throw new IllegalArgumentException("unknown client " + clientName);
		}) {
			switch (scenario) {
				case "run" -> runScenario(client, json);
				case "stream" -> streamScenario(client, json);
				case "media" -> mediaScenario(client, json);
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
			String extra = client.extraJson();
			if (!extra.isEmpty()) {
				json.append(',').append(extra);
			}
		}
		json.append(",\"peakRssMiB\":").append(format(ProcessStats.peakRssMiB()));
		json.append(",\"peakHeapMiB\":").append(format(ProcessStats.peakHeapMiB()));
		json.append(",\"maxHeapMiB\":").append(format(ProcessStats.maxHeapMiB()));
		json.append(",\"runtime\":\"java ").append(System.getProperty("java.version")).append('"');
		return json.append('}').toString();
	}

	private void runScenario(BenchClient client, StringBuilder json) {
		int requests = intArg("requests", 20_000);
		int warmup = intArg("warmup", 5_000);
		int concurrency = intArg("concurrency", 64);
		Phase warm = runPhase(client, warmup, concurrency);
		Phase phase;
		try (Profile profile = Profile.start(this.args.get("jfr"))) {
			phase = runPhase(client, requests, concurrency);
		}
		json.append(",\"warmup\":").append(warmup).append(",\"warmupErrors\":").append(warm.errors.get());
		phase.appendTo(json, requests, concurrency);
	}

	private Phase runPhase(BenchClient client, int requests, int concurrency) {
		Phase phase = new Phase(requests);
		phase.start();
		Launcher.run(requests, concurrency, (i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return client.run().doOnNext((output) -> {
				if (output.isEmpty()) {
					throw new IllegalStateException("empty output");
				}
				phase.latencies[i] = System.nanoTime() - start;
			});
		}).onErrorResume((ex) -> phase.failed(ex)), PHASE_LIMIT);
		phase.stop();
		return phase;
	}

	private void streamScenario(BenchClient client, StringBuilder json) {
		int requests = intArg("requests", 10_000);
		int warmup = intArg("warmup", 500);
		int concurrency = intArg("concurrency", requests);
		int warmupConcurrency = intArg("warmup-concurrency", Math.min(concurrency, 100));
		int chunks = intArg("chunks", 50);
		int gapMillis = intArg("gap-ms", 20);
		String model = Workload.streamModel(chunks, gapMillis);
		String expected = Workload.streamText(chunks);
		Phase warm = streamPhase(client, model, expected, warmup, warmupConcurrency);
		Phase phase;
		try (Profile profile = Profile.start(this.args.get("jfr"))) {
			phase = streamPhase(client, model, expected, requests, concurrency);
		}
		json.append(",\"chunks\":").append(chunks).append(",\"gapMs\":").append(gapMillis);
		json.append(",\"warmup\":").append(warmup);
		json.append(",\"warmupErrors\":").append(warm.errors.get() + warm.mismatches.get());
		json.append(",\"mismatches\":").append(phase.mismatches.get());
		json.append(",\"maxOpenStreams\":").append(phase.maxOpen.get());
		json.append(",\"ttfbP50Ms\":").append(format(percentileMillis(phase.firstPiece, 0.50)));
		json.append(",\"ttfbP99Ms\":").append(format(percentileMillis(phase.firstPiece, 0.99)));
		phase.appendTo(json, requests, concurrency);
	}

	private Phase streamPhase(BenchClient client, String model, String expected, int requests, int concurrency) {
		Phase phase = new Phase(requests);
		phase.start();
		Launcher.run(requests, concurrency, (i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return client.stream(model, () -> {
				phase.firstPiece[i] = System.nanoTime() - start;
				phase.maxOpen.accumulateAndGet(phase.open.incrementAndGet(), Math::max);
			}).doOnNext((text) -> {
				phase.open.decrementAndGet();
				if (!text.equals(expected)) {
					phase.mismatches.incrementAndGet();
				}
				phase.latencies[i] = System.nanoTime() - start;
			});
		}).onErrorResume((ex) -> phase.failed(ex)), PHASE_LIMIT);
		phase.stop();
		return phase;
	}

	private void mediaScenario(BenchClient client, StringBuilder json) throws IOException {
		int blocks = intArg("blocks", 3200);
		Path dir = Path.of(this.args.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
		Path target = Files.createTempFile(dir, "bytez-media-", ".bin");
		long bytes = (long) blocks * Workload.MEDIA_BLOCK_SIZE;
		Phase phase = new Phase(1);
		phase.start();
		long start = System.nanoTime();
		client.media(Workload.mediaModel(blocks), target)
			.doOnSuccess((done) -> phase.latencies[0] = System.nanoTime() - start)
			.onErrorResume((ex) -> phase.failed(ex))
			.block(PHASE_LIMIT);
		phase.stop();
		long size = Files.size(target);
		boolean intact = size == bytes && crc(target) == Workload.mediaCrc(blocks);
		Files.delete(target);
		json.append(",\"bytes\":").append(bytes).append(",\"written\":").append(size);
		json.append(",\"intact\":").append(intact && phase.errors.get() == 0);
		json.append(",\"mibPerSecond\":").append(format(size / (1024.0 * 1024.0) / phase.seconds()));
		phase.appendTo(json, 1, 1);
	}

	private static long crc(Path file) throws IOException {
		CRC32 crc = new CRC32();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				crc.update(buffer, 0, n);
			}
		}
		return crc.getValue();
	}

	private static List<String> withProperty(List<String> properties, String property) {
		List<String> all = new ArrayList<>(properties);
		all.add(property);
		return all;
	}

	private List<String> properties() {
		String value = this.args.getOrDefault("properties", "");
		return value.isEmpty() ? List.of() : List.of(value.split(","));
	}

	private String required(String name) {
		String value = this.args.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing " + name + "=...");
		}
		return value;
	}

	private int intArg(String name, int defaultValue) {
		String value = this.args.get(name);
		return (value != null) ? Integer.parseInt(value) : defaultValue;
	}

	static double percentileMillis(long[] nanos, double percentile) {
		long[] done = Arrays.stream(nanos).filter((n) -> n > 0).sorted().toArray();
		if (done.length == 0) {
			return -1;
		}
		int index = (int) Math.ceil(percentile * done.length) - 1;
		return done[Math.max(0, index)] / 1_000_000.0;
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.3f", value);
	}

	/**
	 * The timings and failures of one measured phase.
	 */
	private static final class Phase {

		final long[] latencies;

		final long[] firstPiece;

		final AtomicInteger errors = new AtomicInteger();

		final AtomicInteger mismatches = new AtomicInteger();

		final AtomicInteger open = new AtomicInteger();

		final AtomicInteger maxOpen = new AtomicInteger();

		final AtomicReference<Throwable> firstError = new AtomicReference<>();

		long startNanos;

		long endNanos;

		long startCpu;

		long endCpu;

		long startAllocated;

		long endAllocated;

		Phase(int requests) {
			this.latencies = new long[requests];
			this.firstPiece = new long[requests];
		}

		void start() {
			this.startCpu = ProcessStats.cpuNanos();
			this.startAllocated = ProcessStats.allocatedBytes();
			this.startNanos = System.nanoTime();
		}

		void stop() {
			this.endNanos = System.nanoTime();
			this.endCpu = ProcessStats.cpuNanos();
			this.endAllocated = ProcessStats.allocatedBytes();
		}

		double seconds() {
			return (this.endNanos - this.startNanos) / 1e9;
		}

		<T> Mono<T> failed(Throwable ex) {
			this.errors.incrementAndGet();
			this.firstError.compareAndSet(null, ex);
			return Mono.empty();
		}

		void appendTo(StringBuilder json, int requests, int concurrency) {
			double seconds = seconds();
			double cpuSeconds = (this.endCpu - this.startCpu) / 1e9;
			json.append(",\"requests\":").append(requests);
			json.append(",\"concurrency\":").append(concurrency);
			json.append(",\"errors\":").append(this.errors.get());
			Throwable error = this.firstError.get();
			if (error != null) {
				json.append(",\"firstError\":\"")
					.append(String.valueOf(error).replace("\\", "\\\\").replace("\"", "'").replace('\n', ' '))
					.append('"');
			}
			json.append(",\"seconds\":").append(format(seconds));
			json.append(",\"rps\":").append(format(requests / seconds));
			json.append(",\"p50Ms\":").append(format(percentileMillis(this.latencies, 0.50)));
			json.append(",\"p99Ms\":").append(format(percentileMillis(this.latencies, 0.99)));
			json.append(",\"cpuSeconds\":").append(format(cpuSeconds));
			json.append(",\"cpuSecondsPer1k\":").append(format(cpuSeconds * 1000 / requests));
			if (this.startAllocated >= 0 && this.endAllocated >= 0) {
				// far less noisy than CPU time on a shared machine: what each call costs
				// the heap
				json.append(",\"allocatedKiBPerCall\":")
					.append(format((this.endAllocated - this.startAllocated) / 1024.0 / requests));
			}
		}

	}

}
