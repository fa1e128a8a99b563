package io.github.bytezspring.test;

import java.util.List;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;

/**
 * A WireMock mappings source that loads and saves nothing, so that no {@code mappings}
 * directory of the working directory ever leaks stubs into the Bytez stub.
 */
final class NoMappingFiles implements MappingsSource {

	@Override
	public void loadMappingsInto(StubMappings stubMappings) {
	}

	@Override
	public void save(List<StubMapping> stubMappings) {
	}

	@Override
	public void save(StubMapping stubMapping) {
	}

	@Override
	@SuppressWarnings("removal")
	public void remove(StubMapping stubMapping) {
	}

	@Override
	public void removeAll() {
	}

}
