package io.github.bytezspring.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bytezspring.client.BytezInput;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezOptions;
import io.github.bytezspring.client.BytezResponse;
import io.github.bytezspring.client.BytezTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * BytezTemplate as the starter auto-configures it, in a minimal Spring Boot application with Boot's
 * Micrometer auto-configuration (an {@link ObservationRegistry} feeding a {@link MeterRegistry}), so
 * that retries and observations are on as in an application; or, for comparison, built without Boot
 * by {@link BytezTemplate#builder()} on a plain {@code WebClient.builder()}.
 */
public final class TemplateClient implements BenchClient {

	private final ConfigurableApplicationContext context;

	private final BytezTemplate template;

	/**
	 * Start the application context with {@code bytez.base-url} at the given address.
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 */
	public TemplateClient(String baseUrl) {
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("bytez.api-key=bench-key", "bytez.base-url=" + baseUrl, "logging.level.root=WARN")
			.run();
		this.template = this.context.getBean(BytezTemplate.class);
	}

	private TemplateClient(BytezTemplate template) {
		this.context = null;
		this.template = template;
	}

	/**
	 * A template built without Spring Boot: default retry policy, no observations, Reactor Netty's
	 * defaults (no response compression).
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 * @return the client
	 */
	public static TemplateClient withoutBoot(String baseUrl) {
		return new TemplateClient(BytezTemplate.builder().apiKey("bench-key").baseUrl(baseUrl).build());
	}

	@Override
	public Mono<String> run() {
		return this.template.run(Workload.RUN_MODEL, Workload.INPUT, Workload.OPTIONS).map(BytezResponse::outputText);
	}

	@Override
	public Mono<String> stream(String modelId, Runnable onFirstPiece) {
		AtomicBoolean first = new AtomicBoolean(true);
		return this.template.stream(modelId, Workload.INPUT, Workload.OPTIONS).doOnNext((piece) -> {
			if (first.compareAndSet(true, false)) {
				onFirstPiece.run();
			}
		}).collect(StringBuilder::new, StringBuilder::append).map(StringBuilder::toString);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Mono<Void> media(String modelId, Path target) {
		// BytezOperations.streamMedia arrives with issue 5: use it once it is there, never a stand-in
		Method streamMedia;
		try {
			streamMedia = BytezOperations.class.getMethod("streamMedia", String.class, BytezInput.class,
					BytezOptions.class);
		}
		catch (NoSuchMethodException ex) {
			return Mono.error(new UnsupportedOperationException("pending streamMedia (issue 5)"));
		}
		try {
			Flux<DataBuffer> media = (Flux<DataBuffer>) streamMedia.invoke(this.template, modelId,
					BytezInput.text("a cat"), BytezOptions.defaults());
			return DataBufferUtils.write(media, target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			return Mono.error(ex);
		}
	}

	@Override
	public String extraJson() {
		if (this.context == null) {
			return "";
		}
		MeterRegistry registry = this.context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		long observed = -1;
		if (registry != null) {
			observed = registry.find("http.client.requests").timers().stream().mapToLong(Timer::count).sum();
		}
		return "\"observationRegistry\":\""
				+ this.context.getBeanProvider(ObservationRegistry.class)
					.getIfAvailable(() -> ObservationRegistry.NOOP)
					.getClass()
					.getSimpleName()
				+ "\",\"httpClientRequestsTimed\":" + observed;
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/**
	 * The smallest application that has the starter configure a template.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
