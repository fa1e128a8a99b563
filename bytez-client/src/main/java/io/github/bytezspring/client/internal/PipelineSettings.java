package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.observation.BytezCallListener;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The validated settings the call pipeline runs every call with.
 *
 * @param authorization the {@code Authorization} header value
 * @param responseTimeout the deadline of each attempt's answer: a JSON call's whole
 * answer, a stream's headers
 * @param streamIdleTimeout the longest gap in a stream, or {@code null} for none
 * @param retryPolicy the client's retry policy, for calls without their own
 * @param retryListener told about every retry
 * @param callListener told about every answered attempt, with its rate-limit and metering
 * headers
 * @param names what the settings are called for the user, in messages
 */
public record PipelineSettings(String authorization, Duration responseTimeout, @Nullable Duration streamIdleTimeout,
		BytezRetryPolicy retryPolicy, BytezRetryListener retryListener, BytezCallListener callListener,
		SettingNames names) {

	@Override
	public String toString() {
		return "PipelineSettings{authorization=******, responseTimeout=" + this.responseTimeout + ", streamIdleTimeout="
				+ this.streamIdleTimeout + ", retryPolicy=" + this.retryPolicy + "}";
	}

}
