package io.github.bytezspring.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-connection-at-a-time HTTP/1.1 server on loopback whose answer is written byte by
 * byte by the test, for what WireMock cannot script: cutting a chunked body short, and
 * seeing the client close the connection.
 */
final class RawHttpServer implements AutoCloseable {

	/**
	 * Writes the raw answer; returning closes the connection unless the server waits for
	 * the client.
	 */
	interface Script {

		void respond(OutputStream out) throws IOException;

	}

	private final ServerSocket server;

	private final CountDownLatch requestRead = new CountDownLatch(1);

	private final CountDownLatch clientClosed = new CountDownLatch(1);

	private final AtomicInteger connections = new AtomicInteger();

	private volatile String request;

	RawHttpServer(Script script, boolean waitForClientToClose) throws IOException {
		this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		Thread thread = new Thread(() -> serve(script, waitForClientToClose), "raw-http-server");
		thread.setDaemon(true);
		thread.start();
	}

	private void serve(Script script, boolean waitForClientToClose) {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.connections.incrementAndGet();
				InputStream in = socket.getInputStream();
				this.request = readRequest(in);
				this.requestRead.countDown();
				OutputStream out = socket.getOutputStream();
				script.respond(out);
				out.flush();
				if (waitForClientToClose) {
					while (in.read() != -1) {
						// drain until the client closes the connection
					}
					this.clientClosed.countDown();
				}
			}
			catch (IOException ex) {
				this.clientClosed.countDown();
			}
		}
	}

	/**
	 * How many connections the server accepted, one per request since it never keeps one
	 * alive.
	 */
	int connections() {
		return this.connections.get();
	}

	/**
	 * One request, its head (read as ISO-8859-1, which any byte is) and its
	 * {@code Content-Length} body.
	 */
	static String readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b == -1) {
				break;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		byte[] body = in.readNBytes(length);
		return headers + new String(body, StandardCharsets.UTF_8);
	}

	static void writeChunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	static void writeChunkedTextHeaders(OutputStream out) throws IOException {
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	String awaitRequest() throws InterruptedException {
		this.requestRead.await(5, TimeUnit.SECONDS);
		return this.request;
	}

	boolean awaitClientClosed(long timeout, TimeUnit unit) throws InterruptedException {
		return this.clientClosed.await(timeout, unit);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
