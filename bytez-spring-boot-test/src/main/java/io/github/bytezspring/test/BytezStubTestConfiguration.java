package io.github.bytezspring.test;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs an application against a {@link BytezStubServer}, for Spring Boot's test-run
 * convention: the stub starts with the context on a free port, logs its URL, is a bean,
 * and contributes the {@link BytezConnectionDetails} that point the auto-configured
 * client at it; it stops with the context. The stub is
 * {@link BytezStubServer#strict(boolean) strict}, as under
 * {@link AutoConfigureBytezStub}, and the concurrency limit stays local
 * ({@link BytezStubLauncherEnvironment}). Put a launcher in {@code src/test/java} and
 * start it with {@code ./mvnw spring-boot:test-run} (or from the IDE):
 *
 * <pre class="code">
 * public class TestMyApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(BytezStubTestConfiguration.class).run(args);
 *     }
 *
 * }
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
public class BytezStubTestConfiguration {

	private static final Log logger = LogFactory.getLog(BytezStubTestConfiguration.class);

	/**
	 * The stub, started on a free port.
	 * @return the running stub
	 */
	@Bean(destroyMethod = "close")
	BytezStubServer bytezStubServer() {
		BytezStubServer stub = BytezStubServer.start().strictByDefault(true);
		logger.info("Using the Bytez stub at " + stub.baseUrl() + " (API key '" + BytezStubServer.API_KEY
				+ "', canned answers, no network)");
		return stub;
	}

	/**
	 * Connection details pointing the auto-configured client at the stub.
	 * @param bytezStubServer the stub
	 * @return the stub's connection details
	 */
	@Bean
	BytezConnectionDetails bytezStubConnectionDetails(BytezStubServer bytezStubServer) {
		return new BytezStubConnectionDetails(bytezStubServer);
	}

}
