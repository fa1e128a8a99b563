package io.github.bytezspring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezModelInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls each model of {@code bytez.warm-up.models} once when the application is ready, in
 * the background (startup never waits), so that its first real call finds it warm; each
 * model's state (pending, warming, warm or failed, with the time it took and the
 * failure's type) shows in {@code /actuator/bytez} and the {@code bytez} health details.
 */
public final class BytezWarmUp implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	/**
	 * How long a warm-up call may take unless set: 15 minutes, as long as a cold start
	 * may.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

	private static final Log logger = LogFactory.getLog(BytezWarmUp.class);

	private final BytezOperations operations;

	private final List<String> models;

	private final Duration timeout;

	private final Map<String, ModelState> states = new ConcurrentHashMap<>();

	private volatile @Nullable Disposable running;

	BytezWarmUp(BytezOperations operations, List<String> models, Duration timeout) {
		this.operations = operations;
		this.models = List.copyOf(models);
		this.timeout = timeout;
		this.models.forEach((model) -> this.states.put(model, ModelState.PENDING));
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.models.isEmpty() || this.running != null) {
			return;
		}
		// subscribed, never blocked on: the calls run on the HTTP client's threads while
		// the application serves
		this.running = Flux.fromIterable(this.models).flatMap(this::warmUp).subscribe();
	}

	private Mono<Void> warmUp(String model) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			this.states.put(model, new ModelState(State.WARMING, null, null, null));
			return this.operations.findModel(model)
				.map((info) -> Optional.ofNullable(info.task()))
				.onErrorResume((ex) -> Mono.empty())
				.defaultIfEmpty(Optional.empty())
				.flatMap((task) -> run(model, task.orElse(null)))
				.timeout(this.timeout,
						Mono.error(() -> new BytezException(
								"the warm-up call took longer than bytez.warm-up.timeout (" + this.timeout + ")")))
				.doOnSuccess((done) -> warm(model, started))
				.doOnError((ex) -> failed(model, started, ex))
				.onErrorResume((ex) -> Mono.empty())
				.then();
		});
	}

	private Mono<?> run(String model, @Nullable String task) {
		BytezInput input = WarmUpInputs.inputFor(task);
		if (input == null) {
			return Mono.error(new IllegalArgumentException("no small input exists for the task " + task));
		}
		return this.operations.run(model, input, WarmUpInputs.optionsFor(task));
	}

	private void warm(String model, long started) {
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		this.states.put(model, new ModelState(State.WARM, took, null, null));
		logger.info("Bytez model " + model + " is warm (the warm-up call took " + took.toMillis() + " ms)");
	}

	private void failed(String model, long started, Throwable ex) {
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		// a BytezException's message is scrubbed of keys; of another failure only its
		// type is shown
		this.states.put(model, new ModelState(State.FAILED, took, ex.getClass().getName(),
				(ex instanceof BytezException) ? ex.getMessage() : null));
		logger.warn("Warming up the Bytez model " + model + " failed after " + took.toMillis() + " ms: "
				+ ((ex instanceof BytezException) ? ex.getMessage() : ex.getClass().getName()));
	}

	/**
	 * Each model's state, as {@code /actuator/bytez} and the health details show it.
	 * @return the states by model, in the configured order
	 */
	public Map<String, Object> describe() {
		Map<String, Object> body = new LinkedHashMap<>();
		for (String model : this.models) {
			// every configured model has a state from the start
			ModelState state = Objects.requireNonNull(this.states.get(model));
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", state.state().name().toLowerCase(java.util.Locale.ROOT));
			if (state.took() != null) {
				details.put("tookMillis", state.took().toMillis());
			}
			if (state.failure() != null) {
				details.put("failure", state.failure());
			}
			if (state.message() != null) {
				details.put("message", state.message());
			}
			body.put(model, details);
		}
		return body;
	}

	/**
	 * The state of one model.
	 * @param model the model id
	 * @return its state, or {@code null} when it is not warmed up
	 */
	public @Nullable State state(String model) {
		ModelState state = this.states.get(model);
		return (state != null) ? state.state() : null;
	}

	@Override
	public void destroy() {
		Disposable running = this.running;
		if (running != null) {
			running.dispose();
		}
	}

	/**
	 * Where a model's warm-up stands.
	 */
	public enum State {

		/** The application is not ready yet. */
		PENDING,

		/** Its warm-up call runs. */
		WARMING,

		/** Its warm-up call was answered. */
		WARM,

		/** Its warm-up call failed or took longer than {@code bytez.warm-up.timeout}. */
		FAILED

	}

	private record ModelState(State state, @Nullable Duration took, @Nullable String failure,
			@Nullable String message) {

		static final ModelState PENDING = new ModelState(State.PENDING, null, null, null);

	}

}
