package io.github.bytezspring.benchmarks.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bytezspring.benchmarks.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * What wrapping a successful call for retries costs: the same in-memory WebClient
 * exchange bare, under {@code retryWhen} (as BytezTemplate wraps every call), and under
 * an {@code onErrorResume} that would set the retry machinery up only once a call has
 * failed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryWrapperBenchmark {

	private static final Retry BACKOFF = Retry.backoff(3, Duration.ofMillis(500));

	private WebClient webClient;

	/** Build the in-memory client. */
	@Setup
	public void setUp() {
		this.webClient = InMemoryBytez.webClientBuilder(() -> InMemoryBytez.json(InMemoryBytez.RUN_ANSWER))
			.baseUrl(InMemoryBytez.BASE_URL)
			.build();
	}

	private Mono<byte[]> exchange() {
		return this.webClient.post()
			.uri("/models/v2/" + Workload.RUN_MODEL)
			.header(HttpHeaders.AUTHORIZATION, "bench-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Workload.RUN_BODY)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class));
	}

	/**
	 * The exchange alone.
	 * @return the body
	 */
	@Benchmark
	public byte[] bare() {
		return exchange().block();
	}

	/**
	 * The exchange in {@code Mono.defer(..).retryWhen(Retry.backoff(..))}.
	 * @return the body
	 */
	@Benchmark
	public byte[] retryWhen() {
		return Mono.defer(this::exchange).retryWhen(BACKOFF).block();
	}

	/**
	 * The exchange with the retry set up only on failure.
	 * @return the body
	 */
	@Benchmark
	public byte[] retryOnlyAfterFailure() {
		Mono<byte[]> attempt = Mono.defer(this::exchange);
		return attempt.onErrorResume((ex) -> attempt.retryWhen(BACKOFF)).block();
	}

}
