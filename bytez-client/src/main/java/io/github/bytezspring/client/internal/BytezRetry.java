package io.github.bytezspring.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezOperation;
import io.github.bytezspring.client.retry.BytezRetryListener;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.client.retry.BytezRetrySettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The Reactor {@link Retry} spec of one call: decides from the typed failure whether
 * another attempt is safe, waits the server's {@code Retry-After} or a jittered backoff,
 * and when it gives up passes on the last failure with the attempt count and the earlier
 * failures attached.
 */
public final class BytezRetry extends Retry {

	private static final Log logger = LogFactory.getLog(BytezRetry.class);

	private final BytezRetryPolicy policy;

	private final BytezOperation operation;

	private final @Nullable String modelId;

	private final BooleanSupplier mayRetry;

	private final BytezRetryListener listener;

	private final DoubleSupplier random;

	private final SettingNames names;

	public BytezRetry(BytezRetryPolicy policy, BytezOperation operation, @Nullable String modelId,
			BooleanSupplier mayRetry, BytezRetryListener listener, DoubleSupplier random) {
		this(policy, operation, modelId, mayRetry, listener, random, SettingNames.builderOptions());
	}

	public BytezRetry(BytezRetryPolicy policy, BytezOperation operation, @Nullable String modelId,
			BooleanSupplier mayRetry, BytezRetryListener listener, DoubleSupplier random, SettingNames names) {
		this.names = names;
		this.policy = policy;
		this.operation = operation;
		this.modelId = modelId;
		this.mayRetry = mayRetry;
		this.listener = listener;
		this.random = random;
	}

	static DoubleSupplier threadLocalRandom() {
		return () -> ThreadLocalRandom.current().nextDouble();
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
		List<Throwable> earlier = new ArrayList<>();
		return signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			int attempt = (int) signal.totalRetries() + 1;
			Duration delay = delayBeforeRetry(failure, attempt);
			if (delay == null) {
				return Mono.error(giveUp(failure, attempt, earlier, retryAfterTooLong(failure, attempt)));
			}
			earlier.add(failure);
			BytezException bytezFailure = (BytezException) failure;
			int maxAttempts = this.policy.maxRetries() + 1;
			if (logger.isWarnEnabled()) {
				logger.warn(BytezException.describe(this.operation, this.modelId) + " attempt " + attempt + " of "
						+ maxAttempts + " failed (" + reason(bytezFailure) + "); retrying in " + delay.toMillis()
						+ "ms");
			}
			this.listener.onRetry(new BytezRetryListener.Event(this.operation, this.modelId, attempt, maxAttempts,
					bytezFailure, delay));
			return Mono.delay(delay);
		});
	}

	/**
	 * The wait before the next attempt, or {@code null} when the call must not be tried
	 * again.
	 */
	public @Nullable Duration delayBeforeRetry(Throwable failure, int attempt) {
		if (attempt > this.policy.maxRetries() || !(failure instanceof BytezException bytezFailure)
				|| !FailureKind.of(bytezFailure).isRetryable(this.operation) || !this.mayRetry.getAsBoolean()) {
			return null;
		}
		Duration retryAfter = retryAfter(bytezFailure);
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.policy.maxRetryAfter()) > 0) ? null : retryAfter;
		}
		return this.policy.backoff(attempt, this.random);
	}

	private @Nullable Duration retryAfter(BytezException failure) {
		if (this.policy.respectRetryAfter() && failure instanceof BytezApiException apiFailure) {
			return apiFailure.retryAfter().orElse(null);
		}
		return null;
	}

	/**
	 * The reason a failure that would otherwise be retried was not because the server
	 * asked for a longer wait than the policy's {@code maxRetryAfter}, naming the setting
	 * as its user knows it; or {@code null}.
	 */
	private @Nullable String retryAfterTooLong(Throwable failure, int attempt) {
		if (attempt > this.policy.maxRetries() || !(failure instanceof BytezException bytezFailure)
				|| !FailureKind.of(bytezFailure).isRetryable(this.operation) || !this.mayRetry.getAsBoolean()) {
			return null;
		}
		Duration retryAfter = retryAfter(bytezFailure);
		if (retryAfter == null || retryAfter.compareTo(this.policy.maxRetryAfter()) <= 0) {
			return null;
		}
		return "the server asked to wait " + shown(retryAfter) + " (Retry-After), longer than "
				+ this.names.of(Objects.requireNonNull(BytezRetrySettings.MAX_RETRY_AFTER.option())) + " ("
				+ shown(this.policy.maxRetryAfter()) + ")";
	}

	private static String shown(Duration duration) {
		// a server's Retry-After can be any number of seconds, beyond what milliseconds
		// hold
		return (duration.getNano() % 1_000_000_000 == 0 || duration.toSeconds() >= 1_000_000_000L)
				? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	private static Throwable giveUp(Throwable failure, int attempt, List<Throwable> earlier,
			@Nullable String notRetriedBecause) {
		if (failure instanceof BytezException bytezFailure) {
			bytezFailure.setAttempts(attempt);
			earlier.forEach(bytezFailure::addSuppressed);
			if (notRetriedBecause != null) {
				bytezFailure.setNotRetriedBecause(notRetriedBecause);
			}
		}
		return failure;
	}

	private static String reason(BytezException failure) {
		if (failure instanceof BytezApiException apiFailure) {
			return "HTTP " + apiFailure.getStatusCode();
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

}
