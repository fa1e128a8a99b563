package io.github.bytezspring.client.concurrency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis Sentinel setup for a test class, on loopback: a primary and a replica
 * ({@code redis-server}, no persistence) watched by one {@code redis-sentinel} (quorum 1,
 * the primary down after one second). Every process is stopped by its PID after the
 * class, whatever its outcome.
 */
final class RedisSentinelSetup implements BeforeAllCallback, AfterAllCallback {

	static final String MASTER = "bytez-primary";

	private final List<Process> processes = new ArrayList<>();

	private final List<RedissonClient> clients = new ArrayList<>();

	private Path dir;

	private int primaryPort;

	private int replicaPort;

	private int sentinelPort;

	private Process primary;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.dir = Files.createTempDirectory("redis-sentinel");
		this.primaryPort = RedisServer.freePort();
		this.replicaPort = RedisServer.freePort();
		this.sentinelPort = RedisServer.freePort();
		this.primary = server("primary", this.primaryPort);
		server("replica", this.replicaPort, "--replicaof", "127.0.0.1", String.valueOf(this.primaryPort));
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> cli(this.replicaPort, "INFO", "replication").contains("master_link_status:up"));
		Path conf = this.dir.resolve("sentinel.conf");
		Files.writeString(conf,
				String.join("\n", "port " + this.sentinelPort, "bind 127.0.0.1", "dir " + this.dir,
						"sentinel monitor " + MASTER + " 127.0.0.1 " + this.primaryPort + " 1",
						"sentinel down-after-milliseconds " + MASTER + " 1000",
						"sentinel failover-timeout " + MASTER + " 10000", ""),
				StandardCharsets.UTF_8);
		start("sentinel", this.sentinelPort, RedisServer.executable("redis-sentinel"), conf.toString());
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> cli(this.sentinelPort, "SENTINEL", "replicas", MASTER)
				.contains(String.valueOf(this.replicaPort)));
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.clients.forEach((client) -> client.shutdown(0, 2, TimeUnit.SECONDS));
		this.processes.forEach((process) -> {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try (var files = Files.walk(this.dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/**
	 * Kill the primary at once (SIGKILL), as if its machine died.
	 */
	void killPrimary() throws InterruptedException {
		this.primary.destroyForcibly();
		this.primary.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * The port of the primary the sentinel names now.
	 */
	String currentPrimary() {
		return cli(this.sentinelPort, "SENTINEL", "get-master-addr-by-name", MASTER);
	}

	int replicaPort() {
		return this.replicaPort;
	}

	/**
	 * A Redisson client in sentinel mode, as an application would configure it, shut down
	 * after the class.
	 */
	RedissonClient newClient() {
		Config config = new Config();
		config.setThreads(2).setNettyThreads(4);
		config.useSentinelServers()
			.setMasterName(MASTER)
			.addSentinelAddress("redis://127.0.0.1:" + this.sentinelPort)
			// one sentinel is enough for a test; production setups run three
			.setCheckSentinelsList(false)
			.setScanInterval(500)
			.setMasterConnectionMinimumIdleSize(2)
			.setSlaveConnectionMinimumIdleSize(1)
			.setConnectTimeout(1000)
			.setTimeout(1000)
			.setRetryAttempts(1);
		RedissonClient client = Redisson.create(config);
		this.clients.add(client);
		return client;
	}

	private Process server(String role, int port, String... more) throws IOException {
		List<String> command = new ArrayList<>(List.of(RedisServer.executable("redis-server"), "--port",
				String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
				// a replica's full sync writes an RDB file: into the temporary directory,
				// not the build's
				"--dir", this.dir.toString(), "--dbfilename", role + ".rdb"));
		command.addAll(List.of(more));
		return start(role, port, command.toArray(String[]::new));
	}

	private Process start(String role, int port, String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve(role + ".log").toFile())
			.start();
		this.processes.add(process);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> accepting(port));
		return process;
	}

	/**
	 * One command through {@code redis-cli}, its output as text (empty when it failed).
	 */
	static String cli(int port, String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(RedisServer.executable("redis-cli"), "-h", "127.0.0.1", "-p", String.valueOf(port)));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			try {
				byte[] output = process.getInputStream().readAllBytes();
				process.waitFor(5, TimeUnit.SECONDS);
				return new String(output, StandardCharsets.UTF_8);
			}
			finally {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static boolean accepting(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
