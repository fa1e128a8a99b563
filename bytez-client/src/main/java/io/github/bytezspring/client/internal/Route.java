package io.github.bytezspring.client.internal;

import java.net.URI;
import java.util.function.Function;

import org.springframework.web.util.UriBuilder;

/**
 * Where a request goes: every path of the Bytez API is built here, relative to the base
 * URL, except a self-hosted container's absolute {@code <url>/run}, which takes no keys.
 *
 * @param uri the request URI, relative to the base URL unless absolute
 * @param selfHosted whether it is a self-hosted container (no API or provider key is
 * sent)
 */
public record Route(Function<UriBuilder, URI> uri, boolean selfHosted) {

	private static final String MODELS = "/models/v2";

	private static final String LIST_MODELS = MODELS + "/list/models";

	private static final String OPENAI = MODELS + "/openai/v1";

	/**
	 * A model's own path, {@code /models/v2/{org}/{name}}: running it, and its cluster.
	 * @param modelId a validated model id
	 * @return the route
	 */
	public static Route model(String modelId) {
		int slash = modelId.indexOf('/');
		String org = modelId.substring(0, slash);
		String name = modelId.substring(slash + 1);
		return bytez((uri) -> uri.path(MODELS + "/{org}/{name}").build(org, name));
	}

	/**
	 * Asking Bytez to serve a model, {@code /models/v2/request/{org}/{name}}.
	 * @param modelId a validated model id
	 * @return the route
	 */
	public static Route requestModel(String modelId) {
		int slash = modelId.indexOf('/');
		String org = modelId.substring(0, slash);
		String name = modelId.substring(slash + 1);
		return bytez((uri) -> uri.path(MODELS + "/request/{org}/{name}").build(org, name));
	}

	/**
	 * A self-hosted container serving one model at {@code <url>/run}.
	 * @param url the container's base URL, without a trailing slash
	 * @return the route
	 */
	public static Route container(String url) {
		URI run = URI.create(url + "/run");
		return new Route((uri) -> run, true);
	}

	public static Route listModels() {
		return bytez((uri) -> uri.path(LIST_MODELS).build());
	}

	public static Route listModelsOfTask(String task) {
		return bytez((uri) -> uri.path(LIST_MODELS).queryParam("task", task).build());
	}

	public static Route findModel(String modelId) {
		return bytez((uri) -> uri.path(LIST_MODELS).queryParam("modelId", modelId).build());
	}

	public static Route listTasks() {
		return bytez((uri) -> uri.path(MODELS + "/list/tasks").build());
	}

	public static Route listClusters() {
		return bytez((uri) -> uri.path(MODELS + "/list/clusters").build());
	}

	public static Route chatCompletions() {
		return openAi("/chat/completions");
	}

	public static Route completions() {
		return openAi("/completions");
	}

	public static Route responses() {
		return openAi("/responses");
	}

	private static Route openAi(String path) {
		return bytez((uri) -> uri.path(OPENAI + path).build());
	}

	private static Route bytez(Function<UriBuilder, URI> uri) {
		return new Route(uri, false);
	}

}
