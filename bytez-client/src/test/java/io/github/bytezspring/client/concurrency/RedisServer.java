package io.github.bytezspring.client.concurrency;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis for a test class: Debian's {@code redis-server} on a free loopback port,
 * no persistence, stopped after the class. Fails (never skips) when {@code redis-server}
 * is not installed: CI installs it. Register with
 * {@code @RegisterExtension static final RedisServer redis = new RedisServer();}.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private final List<RedissonClient> clients = new ArrayList<>();

	private int port;

	private Process process;

	private Path log;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.port = freePort();
		this.log = Files.createTempFile("redis-server", ".log");
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.clients.forEach((client) -> client.shutdown(0, 2, TimeUnit.SECONDS));
		this.clients.clear();
		stop();
		Files.deleteIfExists(this.log);
	}

	/**
	 * Start the server (again) on this extension's port.
	 */
	public void start() throws IOException {
		String executable = executable("redis-server");
		this.process = new ProcessBuilder(executable, "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::accepting);
	}

	/**
	 * Stop the server at once, as if it crashed (SIGKILL), and wait until its port is
	 * closed.
	 */
	public void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.process.isAlive() && !accepting());
			this.process = null;
		}
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * A Redisson client of its own (one per simulated instance), shut down after the
	 * class.
	 */
	public RedissonClient newClient() {
		RedissonClient client = Redisson.create(config(url()));
		this.clients.add(client);
		return client;
	}

	/**
	 * A small Redisson configuration for tests: few threads and connections, short
	 * timeouts.
	 */
	public static Config config(String url) {
		Config config = new Config();
		config.setThreads(2).setNettyThreads(4);
		config.useSingleServer()
			.setAddress(url)
			.setConnectionMinimumIdleSize(2)
			.setConnectionPoolSize(8)
			.setSubscriptionConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(4)
			.setConnectTimeout(1000)
			.setTimeout(3000)
			.setRetryAttempts(1);
		return config;
	}

	private boolean accepting() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The path of a Redis executable ({@code redis-server}, {@code redis-sentinel},
	 * {@code redis-cli}); fails (never skips) when it is not installed.
	 */
	static String executable(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		File sbin = new File("/usr/sbin/" + name);
		assertThat(sbin.canExecute())
			.as(name + " is not installed; these tests need a real Redis (apt-get install redis-server redis-sentinel)")
			.isTrue();
		return sbin.getPath();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
