package io.github.bytezspring.benchmarks;

import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * The fair floor of issue 21: Spring Boot's own auto-configured {@link WebClient.Builder}
 * (with its {@code http.client.requests} observation, Boot's connector and codecs) in the
 * same minimal Boot application as {@link TemplateClient} (same starters on the class
 * path), posting the very bytes BytezTemplate sends and reading the answer into a
 * {@link JsonNode}.
 */
public final class BootWebClient implements BenchClient {

	private final ConfigurableApplicationContext context;

	private final WebClient webClient;

	private final @Nullable ObservationRegistry callObservations;

	/**
	 * Start the application context and build a client from Boot's builder.
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 */
	public BootWebClient(String baseUrl) {
		this(baseUrl, false);
	}

	/**
	 * Start the application context and build a client from Boot's builder.
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 * @param observed whether each call is also wrapped in an observation of its own (as
	 * {@code bytez.client.requests} wraps the template's calls), with Boot's
	 * {@code http.client.requests} as its child: what any client that keeps its own
	 * per-call observation costs on top of Boot's, the floor for the template
	 */
	public BootWebClient(String baseUrl, boolean observed) {
		// the same properties as the template's application, so that both contexts are
		// alike
		this.context = new SpringApplicationBuilder(TemplateClient.Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(List.of("bytez.api-key=bench-key", "bytez.base-url=" + baseUrl, "logging.level.root=WARN")
				.toArray(String[]::new))
			.run();
		this.webClient = this.context.getBean(WebClient.Builder.class).clone().baseUrl(baseUrl).build();
		this.callObservations = observed ? this.context.getBean(ObservationRegistry.class) : null;
	}

	@Override
	public Mono<String> run() {
		ObservationRegistry registry = this.callObservations;
		if (registry == null) {
			return exchange();
		}
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted("bench.client.calls", registry)
				.lowCardinalityKeyValue("operation", "run")
				.lowCardinalityKeyValue("model", Workload.RUN_MODEL)
				.start();
			return exchange().doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private Mono<String> exchange() {
		return this.webClient.post()
			.uri("/models/v2/" + Workload.RUN_MODEL)
			.header(HttpHeaders.AUTHORIZATION, "bench-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Workload.RUN_BODY)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((answer) -> answer.get("output").asString());
	}

	@Override
	public Mono<String> stream(String modelId, Runnable onFirstPiece) {
		throw new UnsupportedOperationException("only the run scenario compares with Boot's WebClient.Builder");
	}

	@Override
	public Mono<Void> media(String modelId, Path target) {
		throw new UnsupportedOperationException("only the run scenario compares with Boot's WebClient.Builder");
	}

	@Override
	public String extraJson() {
		MeterRegistry registry = this.context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		long timed = (registry != null)
				? registry.find("http.client.requests").timers().stream().mapToLong(Timer::count).sum() : -1;
		long calls = (registry != null)
				? registry.find("bench.client.calls").timers().stream().mapToLong(Timer::count).sum() : -1;
		return "\"httpClientRequestsTimed\":" + timed + ",\"callsTimed\":" + calls;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
