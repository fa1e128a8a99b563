package io.github.bytezspring.benchmarks.jmh;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.github.bytezspring.benchmarks.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The request URI of a run call: expanded from a template by the WebClient's
 * {@link DefaultUriBuilderFactory}, as the client does it, or concatenated, which is safe
 * for a model id that has already been checked to hold only {@code [A-Za-z0-9._-]} and
 * one {@code /}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestUriBenchmark {

	private final DefaultUriBuilderFactory factory = new DefaultUriBuilderFactory(InMemoryBytez.BASE_URL);

	/**
	 * The client's way: {@code uri.path("/models/v2/{org}/{name}").build(org, name)}.
	 * @return the URI
	 */
	@Benchmark
	public URI uriFromTemplate() {
		String modelId = Workload.RUN_MODEL;
		int slash = modelId.indexOf('/');
		return this.factory.builder()
			.path("/models/v2/{org}/{name}")
			.build(modelId.substring(0, slash), modelId.substring(slash + 1));
	}

	/**
	 * The alternative: one string, one parse.
	 * @return the URI
	 */
	@Benchmark
	public URI uriConcatenated() {
		return URI.create(InMemoryBytez.BASE_URL + "/models/v2/" + Workload.RUN_MODEL);
	}

}
