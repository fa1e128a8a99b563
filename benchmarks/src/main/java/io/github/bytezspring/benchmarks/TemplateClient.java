package io.github.bytezspring.benchmarks;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bytezspring.autoconfigure.BytezWebClientCustomizer;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import io.github.bytezspring.client.BytezTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * BytezTemplate as the starter auto-configures it, in a minimal Spring Boot application
 * with Boot's Micrometer auto-configuration (an {@link ObservationRegistry} feeding a
 * {@link MeterRegistry}), so that retries and observations are on as in an application;
 * or, for comparison, built without Boot by {@link BytezTemplate#builder()} on a plain
 * {@code WebClient.builder()}.
 */
public final class TemplateClient implements BenchClient {

	private final ConfigurableApplicationContext context;

	private final BytezTemplate template;

	private final boolean mediaToFile;

	private final AtomicReference<BytezMedia> media = new AtomicReference<>();

	/**
	 * Start the application context with {@code bytez.base-url} at the given address.
	 * @param baseUrl e.g. {@code http://127.0.0.1:8080}
	 * @param properties further application properties ({@code name=value}), as an
	 * application would set them in {@code application.properties}
	 * @param mediaToFile whether the media scenario calls {@code streamMediaTo} (the file
	 * written by the client) rather than {@code streamMedia} +
	 * {@code DataBufferUtils.write}
	 */
	public TemplateClient(String baseUrl, List<String> properties, boolean mediaToFile) {
		List<String> all = new ArrayList<>(
				List.of("bytez.api-key=bench-key", "bytez.base-url=" + baseUrl, "logging.level.root=WARN"));
		all.addAll(properties);
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
		this.template = this.context.getBean(BytezTemplate.class);
		this.mediaToFile = mediaToFile;
	}

	private TemplateClient(BytezTemplate template) {
		this.context = null;
		this.template = template;
		this.mediaToFile = true;
	}

	/**
	 * A template built without Spring Boot: default retry policy, no observations,
	 * Reactor Netty's defaults (no response compression).
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
	public Mono<Void> media(String modelId, Path target) {
		if (this.mediaToFile) {
			// the client writes the file itself and reports its content type and size
			return this.template.streamMediaTo(modelId, BytezInput.text("a cat"), BytezOptions.defaults(), target)
				.doOnNext(this.media::set)
				.then();
		}
		return DataBufferUtils
			.write(this.template.streamMedia(modelId, BytezInput.text("a cat"), BytezOptions.defaults()), target);
	}

	@Override
	public String extraJson() {
		StringBuilder json = new StringBuilder("\"mediaApi\":\"")
			.append(this.mediaToFile ? "streamMediaTo" : "streamMedia")
			.append('"');
		BytezMedia written = this.media.get();
		if (written != null) {
			json.append(",\"mediaReportedSize\":")
				.append(written.size())
				.append(",\"mediaContentType\":\"")
				.append(written.contentType())
				.append('"');
		}
		if (this.context == null) {
			return json.toString();
		}
		MeterRegistry registry = this.context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		long httpClientRequests = -1;
		long bytezClientRequests = -1;
		if (registry != null) {
			httpClientRequests = timed(registry, "http.client.requests");
			bytezClientRequests = timed(registry, "bytez.client.requests");
		}
		json.append(",\"observationRegistry\":\"")
			.append(this.context.getBeanProvider(ObservationRegistry.class)
				.getIfAvailable(() -> ObservationRegistry.NOOP)
				.getClass()
				.getSimpleName())
			.append("\",\"httpClientRequestsTimed\":")
			.append(httpClientRequests)
			.append(",\"bytezClientRequestsTimed\":")
			.append(bytezClientRequests);
		ConnectionProvider pool = connectionPool();
		json.append(",\"pool\":\"")
			.append((pool != null) ? pool.name() + " max " + pool.maxConnections() : "not found")
			.append('"');
		return json.toString();
	}

	private static long timed(MeterRegistry registry, String name) {
		return registry.find(name).timers().stream().mapToLong(Timer::count).sum();
	}

	/**
	 * The connection provider the starter built for the client (its bean is
	 * package-private, so it is read by reflection; only to report which pool and size
	 * were in effect).
	 */
	private ConnectionProvider connectionPool() {
		if (!this.context.containsBean("bytezConnectionPool")) {
			return null;
		}
		try {
			Object bean = this.context.getBean("bytezConnectionPool");
			Method provider = bean.getClass().getDeclaredMethod("provider");
			provider.setAccessible(true);
			return (ConnectionProvider) provider.invoke(bean);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
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

		/**
		 * With {@code bench.http-client-requests=false}, the template's WebClient records
		 * no {@code http.client.requests} observation of its own (the call's
		 * {@code bytez.client.requests} stays): how much of the gap to Boot's client the
		 * per-attempt child observation is.
		 */
		@Bean
		@ConditionalOnProperty(name = "bench.http-client-requests", havingValue = "false")
		BytezWebClientCustomizer withoutHttpClientRequests() {
			return (builder) -> builder.observationRegistry(ObservationRegistry.NOOP);
		}

	}

}
