package io.github.bytezspring.testsupport;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The one WireMock fixture of the project's tests: a server on loopback, on a free port,
 * without gzip (so that what the client decodes is what the stub wrote), started before
 * the test class's callbacks and stopped after it. In a Spring Boot test, point
 * {@code bytez.base-url} at it with
 * {@code registry.add("bytez.base-url", bytez::baseUrl)} in a
 * {@code @DynamicPropertySource}, which is read after the server started.
 */
public final class BytezWireMock {

	private BytezWireMock() {
	}

	/**
	 * A server whose stubs and journal are reset before each test: register it with
	 * {@code @RegisterExtension static WireMockExtension bytez = BytezWireMock.server();}
	 * and stub in the test or in a {@code @BeforeEach}.
	 * @return the extension
	 */
	public static WireMockExtension server() {
		return WireMockExtension.newInstance()
			.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
			.build();
	}

	/**
	 * A server whose stubs and journal live as long as the test class, for a Spring
	 * context cached across its tests: stub in a {@code @BeforeAll} method.
	 * @return the extension
	 */
	public static WireMockExtension serverForTheClass() {
		return WireMockExtension.newInstance()
			.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
			.resetOnEachTest(false)
			.build();
	}

}
