package io.github.bytezspring.client.internal;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriBuilder;

/**
 * The routes of one template's calls to models, each built once: the first call to a
 * model builds its URI through the template's {@code WebClient} (its base URL and
 * {@code UriBuilderFactory}, which never change once built), and later calls reuse that
 * URI instead of expanding and encoding the path template again, about 1 µs and 2.7 KB
 * per call. At most {@value #MAX_MODELS} models are kept; past that, a route is built per
 * call as without the cache (Bytez serves far more models than an application calls).
 */
final class ModelRoutes {

	/** The most models whose route is kept. */
	static final int MAX_MODELS = 1024;

	private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

	/**
	 * The route of a model's own path.
	 * @param modelId a validated model id
	 * @return the route, the same one for every call to the model while it is kept
	 */
	Route of(String modelId) {
		Route route = this.routes.get(modelId);
		if (route != null) {
			return route;
		}
		Route built = Route.model(modelId);
		if (this.routes.size() >= MAX_MODELS) {
			return built;
		}
		Route kept = new Route(new BuiltOnce(built.uri()), built.selfHosted());
		Route raced = this.routes.putIfAbsent(modelId, kept);
		return (raced != null) ? raced : kept;
	}

	/**
	 * A URI function that runs once and answers the same URI afterwards; safe because the
	 * {@code UriBuilder} a template's {@code WebClient} hands it always starts from the
	 * same base.
	 */
	private static final class BuiltOnce implements Function<UriBuilder, URI> {

		private final Function<UriBuilder, URI> uri;

		private volatile @Nullable URI built;

		BuiltOnce(Function<UriBuilder, URI> uri) {
			this.uri = uri;
		}

		@Override
		public URI apply(UriBuilder builder) {
			URI result = this.built;
			if (result == null) {
				result = this.uri.apply(builder);
				this.built = result;
			}
			return result;
		}

	}

}
