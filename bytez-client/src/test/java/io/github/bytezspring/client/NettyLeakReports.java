package io.github.bytezspring.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (run at {@code paranoid} level by the
 * build) reports a buffer that was never released: a logback appender collects the
 * reports, and this extension, registered for every test class, collects garbage and
 * fails with them after each class.
 */
public class NettyLeakReports extends AppenderBase<ILoggingEvent> implements AfterAllCallback {

	private static final List<String> reports = new CopyOnWriteArrayList<>();

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLoggerName().startsWith("io.netty.util.ResourceLeakDetector")
				&& event.getFormattedMessage().contains("LEAK")) {
			reports.add(event.getFormattedMessage());
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> found = collect();
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " Netty buffer leak(s) reported during " + context.getDisplayName()
					+ ":\n" + String.join("\n\n", found));
		}
	}

	/**
	 * Let the detector see buffers that became garbage, and take its reports so far.
	 */
	static List<String> collect() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			// the detector reports collected, unreleased buffers when a new buffer is
			// tracked
			for (int j = 0; j < 64; j++) {
				ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
				probe.release();
			}
		}
		List<String> found = List.copyOf(reports);
		reports.clear();
		return found;
	}

}
