package io.github.bytezspring.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP/1.1 server on loopback that answers every connection on a thread of its own
 * with the raw bytes a test scripts, closing the connection after each answer; it keeps
 * the head of every request it read, so that a test can check what reached it (such as a
 * key sent after a redirect).
 */
public final class ScriptedHttpServer implements AutoCloseable {

	/** Writes the raw answer to one request; returning closes the connection. */
	public interface Script {

		/**
		 * Answer one request.
		 * @param request the request's head and body
		 * @param out the connection
		 * @throws IOException when the connection fails, or {@link ResetConnection} to
		 * reset it
		 */
		void respond(String request, OutputStream out) throws IOException;

	}

	/**
	 * Thrown by a script to end the connection with a reset (TCP RST) instead of a close.
	 */
	public static final class ResetConnection extends IOException {

		private static final long serialVersionUID = 1L;

	}

	private final ServerSocket server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	public ScriptedHttpServer(Script script) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> accept(script), "scripted-http-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A server that answers every request with {@code 200} and a small JSON body. */
	public static ScriptedHttpServer counting() throws IOException {
		return new ScriptedHttpServer((request,
				out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 31\r\nConnection: close\r\n\r\n{\"error\":null,\"output\":\"moved\"}")
					.getBytes(StandardCharsets.US_ASCII)));
	}

	private void accept(Script script) {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.open.add(socket);
				Thread thread = new Thread(() -> serve(socket, script), "scripted-http-connection");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket, Script script) {
		try (socket) {
			socket.setSoTimeout(20_000);
			String request = RawHttpServer.readRequest(socket.getInputStream());
			this.requests.add(request);
			OutputStream out = socket.getOutputStream();
			try {
				script.respond(request, out);
				out.flush();
			}
			catch (ResetConnection ex) {
				socket.setSoLinger(true, 0);
			}
		}
		catch (IOException ex) {
			// the client closed the connection, or the script cut it short: both are what
			// tests script
		}
		finally {
			this.open.remove(socket);
		}
	}

	/** The requests read so far, each its head and body. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

}
