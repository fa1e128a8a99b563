package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The validated settings the call pipeline runs every call with.
 *
 * @param authorization the {@code Authorization} header value
 * @param streamIdleTimeout the longest gap in a stream, or {@code null} for none
 * @param retryPolicy the client's retry policy, for calls without their own
 * @param retryListener told about every retry
 * @param names what the settings are called for the user, in messages
 */
public record PipelineSettings(String authorization, @Nullable Duration streamIdleTimeout,
		BytezRetryPolicy retryPolicy, BytezRetryListener retryListener, SettingNames names) {

	@Override
	public String toString() {
		return "PipelineSettings{authorization=******, streamIdleTimeout=" + this.streamIdleTimeout + ", retryPolicy=" + this.retryPolicy + "}";
	}

}
