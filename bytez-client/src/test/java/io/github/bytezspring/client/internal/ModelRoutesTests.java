package io.github.bytezspring.client.internal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRoutesTests {

	private final DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory("http://bytez.test");

	@Test
	void aModelsRouteIsBuiltOnceAndItsUriReused() {
		ModelRoutes routes = new ModelRoutes();
		Route route = routes.of("org/name");
		URI first = route.uri().apply(this.uris.builder());
		URI second = routes.of("org/name").uri().apply(this.uris.builder());
		assertThat(routes.of("org/name")).isSameAs(route);
		assertThat(first).hasToString("http://bytez.test/models/v2/org/name");
		assertThat(second).isSameAs(first);
		assertThat(route.selfHosted()).isFalse();
		assertThat(routes.of("org/other").uri().apply(this.uris.builder()))
			.hasToString("http://bytez.test/models/v2/org/other");
	}

	@Test
	void pastTheBoundRoutesAreBuiltPerCall() {
		ModelRoutes routes = new ModelRoutes();
		for (int i = 0; i < ModelRoutes.MAX_MODELS; i++) {
			routes.of("org/model-" + i);
		}
		Route once = routes.of("org/one-too-many");
		assertThat(routes.of("org/one-too-many")).isNotSameAs(once);
		assertThat(once.uri().apply(this.uris.builder())).hasToString("http://bytez.test/models/v2/org/one-too-many");
		assertThat(routes.of("org/model-0")).isSameAs(routes.of("org/model-0"));
	}

}
