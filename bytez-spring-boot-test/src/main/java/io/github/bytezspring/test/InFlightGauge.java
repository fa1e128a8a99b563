package io.github.bytezspring.test;

import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import org.jspecify.annotations.Nullable;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletOutputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.WriteListener;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.jakarta.servlet.http.HttpServletResponseWrapper;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Counts the requests the stub is serving at once and remembers the most, from the moment
 * WireMock's servlet gets a request until it is about to write the last of the answer (or
 * has failed to write it).
 * <p>
 * It is a servlet filter in front of WireMock's stub servlet rather than a WireMock
 * {@code ServeEventListener}, because WireMock calls no listener when writing an answer
 * fails (a client that hangs up, a stream cut on purpose), which would leave such
 * requests counted forever. The filter is added through {@link #serverFactory()}, which
 * builds WireMock's own Jetty server (the Jetty 11 that {@code wiremock-standalone}
 * shades).
 */
final class InFlightGauge implements Filter {

	private int inFlight;

	// requests received since the last reset, and the most of them served at once
	private long epoch;

	private int inFlightOfEpoch;

	private int max;

	private final @Nullable StubMetering metering;

	InFlightGauge() {
		this(null);
	}

	/**
	 * A gauge that also writes the metering headers on every answer, before the stub
	 * writes its own.
	 */
	InFlightGauge(@Nullable StubMetering metering) {
		this.metering = metering;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long begun = begin();
		AtomicBoolean ended = new AtomicBoolean();
		Runnable end = () -> {
			if (ended.compareAndSet(false, true)) {
				end(begun);
			}
		};
		ServletResponse served = response;
		if (response instanceof HttpServletResponse http) {
			if (this.metering != null) {
				this.metering.writeHeaders(inFlight(), http::setHeader);
			}
			served = new CountedResponse(http, end);
		}
		try {
			chain.doFilter(request, served);
		}
		finally {
			end.run();
		}
	}

	private synchronized long begin() {
		this.inFlight++;
		this.inFlightOfEpoch++;
		this.max = Math.max(this.max, this.inFlightOfEpoch);
		return this.epoch;
	}

	private synchronized void end(long begun) {
		this.inFlight--;
		if (begun == this.epoch) {
			this.inFlightOfEpoch--;
		}
	}

	/**
	 * The number of requests being served now.
	 * @return the number
	 */
	synchronized int inFlight() {
		return this.inFlight;
	}

	/**
	 * The most requests served at once among those received since the start or the last
	 * {@link #reset()}.
	 * @return the number
	 */
	synchronized int max() {
		return this.max;
	}

	/**
	 * Start counting anew: requests still being served (a client may have its answer a
	 * moment before the server is done with the request) no longer count.
	 */
	synchronized void reset() {
		this.epoch++;
		this.inFlightOfEpoch = 0;
		this.max = 0;
	}

	/**
	 * The answer as WireMock's servlet writes it, ending the request's count just before
	 * the client can see the answer end: before the output stream is closed (which
	 * completes the response while the servlet still runs) and before the write that
	 * completes a declared {@code Content-Length}. Counting until the servlet returns
	 * instead would count a request a moment after its client has it, long enough for a
	 * client that keeps to its limit to appear to exceed it by one. (WireMock finds its
	 * Jetty response behind this wrapper for its faults.)
	 */
	private static final class CountedResponse extends HttpServletResponseWrapper {

		private final Runnable end;

		private @Nullable CountedOutput output;

		CountedResponse(HttpServletResponse response, Runnable end) {
			super(response);
			this.end = end;
		}

		/**
		 * The body's length as declared, read from the header that Jetty also keeps for
		 * {@code setContentLength}; {@code -1} when undeclared (a chunked answer).
		 */
		long declaredLength() {
			String value = getHeader("Content-Length");
			try {
				return (value != null) ? Long.parseLong(value.strip()) : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		@Override
		public synchronized ServletOutputStream getOutputStream() throws IOException {
			if (this.output == null) {
				this.output = new CountedOutput(super.getOutputStream(), this);
			}
			return this.output;
		}

	}

	private static final class CountedOutput extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private final CountedResponse response;

		private long written;

		CountedOutput(ServletOutputStream delegate, CountedResponse response) {
			this.delegate = delegate;
			this.response = response;
		}

		private void writing(int bytes) {
			this.written += bytes;
			long length = this.response.declaredLength();
			if (length >= 0 && this.written >= length) {
				this.response.end.run();
			}
		}

		@Override
		public void write(int b) throws IOException {
			writing(1);
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			writing(len);
			this.delegate.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			this.response.end.run();
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

	/**
	 * A WireMock server factory that builds WireMock's Jetty server with this gauge in
	 * front of its stub servlet.
	 * @return the factory
	 */
	HttpServerFactory serverFactory() {
		return new CountingServerFactory();
	}

	private final class CountingServerFactory implements HttpServerFactory {

		@Override
		public HttpServer buildHttpServer(Options options, AdminRequestHandler adminRequestHandler,
				StubRequestHandler stubRequestHandler) {
			return new CountingServer(options, adminRequestHandler, stubRequestHandler);
		}

	}

	/**
	 * WireMock's Jetty server; the superclass constructor calls the decorating method,
	 * which reaches the gauge through the enclosing instances (set before the superclass
	 * constructor runs).
	 */
	private final class CountingServer extends Jetty11HttpServer {

		CountingServer(Options options, AdminRequestHandler adminRequestHandler,
				StubRequestHandler stubRequestHandler) {
			super(options, adminRequestHandler, stubRequestHandler);
		}

		@Override
		protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
			super.decorateMockServiceContextBeforeConfig(context);
			context.addFilter(new FilterHolder(InFlightGauge.this), "/*", EnumSet.of(DispatcherType.REQUEST));
		}

	}

}
