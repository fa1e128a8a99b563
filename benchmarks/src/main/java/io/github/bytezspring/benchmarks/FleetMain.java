package io.github.bytezspring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 22's fleet benchmark: every instance is its own JVM process (a Boot application
 * with the starter and Redisson), all instances of a row start together, against one
 * loopback stand-in for a plan of {@code plan} calls in flight, {@code service-ms} each,
 * 429 beyond. Rows: the ceiling (one process with a bare WebClient holding exactly
 * {@code plan} in flight), one instance of the starter under its local limit, then K
 * instances sharing the budget through Redis for each K, then K at a static split and K
 * uncoordinated for the largest K.
 * <p>
 * {@code java -cp ... FleetMain redis-url=redis://127.0.0.1:6379 [plan=4] [service-ms=20] [ks=1,2,3]
 * [demand=16] [warmup-s=3] [measure-s=10] [out=file.jsonl]}
 */
public final class FleetMain {

	private FleetMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		Arrays.stream(args).map((arg) -> arg.split("=", 2)).forEach((kv) -> options.put(kv[0], kv[1]));
		int plan = Integer.parseInt(options.getOrDefault("plan", "4"));
		int serviceMs = Integer.parseInt(options.getOrDefault("service-ms", "20"));
		int demand = Integer.parseInt(options.getOrDefault("demand", "16"));
		List<Integer> ks = Arrays.stream(options.getOrDefault("ks", "1,2,3").split(","))
			.map(Integer::parseInt)
			.toList();
		Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-s", "3")));
		Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure-s", "10")));
		String redisUrl = options.get("redis-url");
		Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;
		List<Row> rows = new ArrayList<>();
		try (PlanStandIn standIn = new PlanStandIn(plan, Duration.ofMillis(serviceMs))) {
			Fleet fleet = new Fleet(standIn, demand, warmup, measure);
			Row ceiling = fleet.run("ceiling: one bare WebClient, exactly " + plan + " in flight",
					List.of(List.of("mode=bare")), plan);
			rows.add(ceiling);
			// the starter's own cost per call, without Redis: what the shared rows are to
			// be read against
			rows.add(fleet.run("1 instance, local limit " + plan + " (no Redis)",
					List.of(List.of("mode=starter", "limit=" + plan)), demand));
			for (int k : ks) {
				String name = "bench-" + System.nanoTime();
				List<List<String>> instances = new ArrayList<>();
				for (int i = 0; i < k; i++) {
					instances.add(List.of("mode=starter", "limit=" + plan, "store=redis", "redis-url=" + redisUrl,
							"name=" + name));
				}
				rows.add(fleet.run(k + " instance(s) sharing " + plan + " through Redis", instances, demand));
			}
			int k = ks.get(ks.size() - 1);
			int split = Math.max(1, plan / k);
			rows.add(fleet.run(k + " instances, static split (" + split + " each)",
					repeat(k, List.of("mode=starter", "limit=" + split)), demand));
			rows.add(fleet.run(k + " instances, uncoordinated (" + plan + " each)",
					repeat(k, List.of("mode=starter", "limit=" + plan)), demand));
			for (Row row : rows) {
				String line = row.json(ceiling.goodput());
				System.out.println(line);
				if (out != null) {
					Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
							StandardOpenOption.APPEND);
				}
			}
		}
		System.exit(0);
	}

	private static List<List<String>> repeat(int k, List<String> arguments) {
		List<List<String>> instances = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			instances.add(arguments);
		}
		return instances;
	}

	/**
	 * Starts a row's processes, gives them one common start, and collects what they and
	 * the stand-in saw.
	 */
	record Fleet(PlanStandIn standIn, int demand, Duration warmup, Duration measure) {

		Row run(String label, List<List<String>> instances, int rowDemand) throws IOException, InterruptedException {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<Process> processes = new ArrayList<>();
			try {
				for (List<String> arguments : instances) {
					List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
							System.getProperty("java.class.path"), FleetInstanceMain.class.getName(),
							"standin=" + this.standIn.url(), "demand=" + rowDemand,
							"warmup-ms=" + this.warmup.toMillis(), "measure-ms=" + this.measure.toMillis()));
					command.addAll(arguments);
					processes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
				}
				List<BufferedReader> outputs = new ArrayList<>();
				for (Process process : processes) {
					BufferedReader output = new BufferedReader(
							new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					outputs.add(output);
					expect(output, "READY");
				}
				long start = System.currentTimeMillis() + 1000;
				this.standIn.window(start + this.warmup.toMillis(), this.measure);
				for (Process process : processes) {
					Writer go = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
					go.write("GO " + start + "\n");
					go.flush();
				}
				List<long[]> results = new ArrayList<>();
				for (BufferedReader output : outputs) {
					String[] result = expect(output, "RESULT").split(" ");
					results.add(new long[] { Long.parseLong(result[1]), Long.parseLong(result[2]) });
				}
				for (Process process : processes) {
					process.waitFor(30, TimeUnit.SECONDS);
				}
				double seconds = this.measure.toMillis() / 1000.0;
				long succeeded = results.stream().mapToLong((r) -> r[0]).sum();
				List<Double> shares = results.stream()
					.map((r) -> (succeeded > 0) ? (double) r[0] / succeeded : 0)
					.toList();
				return new Row(label, instances.size(), succeeded / seconds, succeeded, this.standIn.status429.sum(),
						results.stream().mapToLong((r) -> r[1]).sum(), shares, this.standIn.handOverMillis(),
						this.standIn.maxInFlight.get(), load());
			}
			finally {
				processes.forEach(Process::destroyForcibly);
			}
		}

		private static String expect(BufferedReader output, String prefix) throws IOException {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.startsWith(prefix)) {
					return line;
				}
			}
			throw new IllegalStateException("an instance ended before printing " + prefix);
		}

		private static String load() {
			try {
				return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
			}
			catch (IOException ex) {
				return "?";
			}
		}

	}

	record Row(String label, int instances, double goodput, long succeeded, long status429, long failed,
			List<Double> shares, double[] handOver, int maxInFlight, String load) {

		String json(double ceiling) {
			return String
				.format(Locale.ROOT,
						"{\"row\":\"%s\",\"instances\":%d,\"goodput\":%.1f,\"ofCeiling\":%.3f,\"succeeded\":%d,"
								+ "\"status429\":%d,\"failed\":%d,\"shares\":[%s],\"handOverP50Ms\":%.2f,"
								+ "\"handOverP99Ms\":%.2f,\"maxInFlightAtPlan\":%d,\"load1\":%s}",
						this.label, this.instances, this.goodput, this.goodput / ceiling, this.succeeded,
						this.status429, this.failed,
						this.shares.stream()
							.map((share) -> String.format(Locale.ROOT, "%.3f", share))
							.collect(Collectors.joining(",")),
						this.handOver[0], this.handOver[1], this.maxInFlight, this.load)
				.replace("NaN", "null");
		}

	}

}
