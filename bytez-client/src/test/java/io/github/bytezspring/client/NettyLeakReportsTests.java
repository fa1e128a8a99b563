package io.github.bytezspring.client;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves the leak check can fail: an unreleased buffer is reported.
 */
class NettyLeakReportsTests {

	@Test
	void theBuildRunsWithParanoidLeakDetection() {
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
	}

	@Test
	void anUnreleasedBufferIsReported() {
		leak();
		List<String> reports = new ArrayList<>();
		await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
			reports.addAll(NettyLeakReports.collect());
			return !reports.isEmpty();
		});
		assertThat(reports).anyMatch((report) -> report.contains("LEAK"));
	}

	private static void leak() {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
		leaked.writeInt(42);
	}

}
