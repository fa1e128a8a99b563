package io.github.bytezspring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what this process used: CPU time, peak resident memory and peak heap.
 */
public final class ProcessStats {

	private ProcessStats() {
	}

	/**
	 * The CPU time this process has used, all threads, user and system.
	 * @return nanoseconds
	 */
	public static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Bytes allocated on the heap so far by all live threads of this process (HotSpot's
	 * per-thread allocation counters; threads that ended are not counted, so the harness
	 * reads it around a phase whose worker threads all live on); -1 when the JVM cannot
	 * tell.
	 * @return the bytes
	 */
	public static long allocatedBytes() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
			return threads.getTotalThreadAllocatedBytes();
		}
		return -1;
	}

	/**
	 * The peak resident set size, {@code VmHWM} of {@code /proc/self/status}.
	 * @return mebibytes, or -1 where there is no {@code /proc}
	 */
	public static double peakRssMiB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return -1;
	}

	/**
	 * The sum of the heap pools' peak usage since the JVM started.
	 * @return mebibytes
	 */
	public static double peakHeapMiB() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				bytes += pool.getPeakUsage().getUsed();
			}
		}
		return bytes / (1024.0 * 1024.0);
	}

	/**
	 * The largest heap this JVM may use ({@code -Xmx}).
	 * @return mebibytes
	 */
	public static double maxHeapMiB() {
		return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
	}

}
