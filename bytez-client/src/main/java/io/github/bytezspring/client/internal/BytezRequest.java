package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.retry.BytezRetryPolicy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;

/**
 * One logical call to make: what it is for, where it goes, what it sends, how often it
 * may be tried and how long it may take; built with {@link #post}, {@link #get} and the
 * other method factories.
 */
public final class BytezRequest {

	private final BytezOperation operation;

	private final HttpMethod method;

	private final Route route;

	private final @Nullable String modelId;

	private final byte @Nullable [] body;

	private final @Nullable String providerKey;

	private final @Nullable String apiKey;

	private final @Nullable BytezRetryPolicy retryPolicy;

	private final @Nullable Duration timeout;

	private BytezRequest(Builder builder) {
		this.operation = builder.operation;
		this.method = builder.method;
		this.route = builder.route;
		this.modelId = builder.modelId;
		this.body = builder.body;
		this.providerKey = builder.route.selfHosted() ? null : builder.providerKey;
		this.apiKey = builder.route.selfHosted() ? null : builder.apiKey;
		this.retryPolicy = builder.retryPolicy;
		this.timeout = builder.timeout;
	}

	public static Builder post(BytezOperation operation, Route route) {
		return new Builder(operation, HttpMethod.POST, route);
	}

	public static Builder get(BytezOperation operation, Route route) {
		return new Builder(operation, HttpMethod.GET, route);
	}

	public static Builder method(BytezOperation operation, HttpMethod method, Route route) {
		return new Builder(operation, method, route);
	}

	public BytezOperation operation() {
		return this.operation;
	}

	public HttpMethod method() {
		return this.method;
	}

	public Route route() {
		return this.route;
	}

	public @Nullable String modelId() {
		return this.modelId;
	}

	public byte @Nullable [] body() {
		return this.body;
	}

	/**
	 * The provider key to send, or {@code null}; never one for a self-hosted container.
	 */
	public @Nullable String providerKey() {
		return this.providerKey;
	}

	/**
	 * The call's own Bytez API key, or {@code null} for the client's; never one for a
	 * self-hosted container.
	 */
	public @Nullable String apiKey() {
		return this.apiKey;
	}

	/** The call's own retry policy, or {@code null} for the client's. */
	public @Nullable BytezRetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * The bound of the whole logical call, retries included, or {@code null} for none.
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	@Override
	public String toString() {
		return "BytezRequest{" + this.operation + " " + this.method + ((this.modelId != null) ? " " + this.modelId : "")
				+ "}";
	}

	/**
	 * Builds a {@link BytezRequest}.
	 */
	public static final class Builder {

		private final BytezOperation operation;

		private final HttpMethod method;

		private final Route route;

		private @Nullable String modelId;

		private byte @Nullable [] body;

		private @Nullable String providerKey;

		private @Nullable String apiKey;

		private @Nullable BytezRetryPolicy retryPolicy;

		private @Nullable Duration timeout;

		private Builder(BytezOperation operation, HttpMethod method, Route route) {
			Assert.notNull(operation, "operation must not be null");
			Assert.notNull(method, "method must not be null");
			Assert.notNull(route, "route must not be null");
			this.operation = operation;
			this.method = method;
			this.route = route;
		}

		public Builder model(@Nullable String modelId) {
			this.modelId = modelId;
			return this;
		}

		public Builder body(byte @Nullable [] body) {
			this.body = body;
			return this;
		}

		public Builder providerKey(@Nullable String providerKey) {
			this.providerKey = providerKey;
			return this;
		}

		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		public Builder retryPolicy(@Nullable BytezRetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		public Builder timeout(@Nullable Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		public BytezRequest build() {
			return new BytezRequest(this);
		}

	}

}
