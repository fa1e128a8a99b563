package io.github.bytezspring.samples.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraalVM metadata that {@code spring-boot:process-aot} generated for the quickstart
 * (it runs before the tests, in {@code process-classes}): the client's runtime hints from
 * its {@code aot.factories} reach a real application's build, read from the client's jar.
 */
class QuickstartAotMetadataTests {

	private static final Path METADATA = Path.of("target/spring-aot/main/resources/META-INF/native-image/"
			+ "io.github.bytezspring/bytez-quickstart/reachability-metadata.json");

	@Test
	void holdsTheClientsJsonTypesAndItsVersionFile() throws Exception {
		assertThat(METADATA).as("run ./mvnw verify: process-aot writes it").isRegularFile();
		JsonNode metadata = JsonMapper.shared().readTree(Files.readString(METADATA));
		assertThat(reflectionOf(metadata, "io.github.bytezspring.client.openai.ChatCompletion")).singleElement()
			.satisfies((type) -> {
				assertThat(type.path("allDeclaredConstructors").asBoolean()).isTrue();
				assertThat(type.path("allDeclaredFields").asBoolean()).isTrue();
			});
		assertThat(reflectionOf(metadata, "io.github.bytezspring.client.model.output.Label")).hasSize(1);
		assertThat(reflectionOf(metadata, "io.github.bytezspring.client.model.BytezMessage")).hasSize(1);
		assertThat(reflectionOf(metadata, "io.github.bytezspring.samples.quickstart.QuickstartRunner$Label"))
			.as("the sample's own record, registered with @RegisterReflectionForBinding")
			.hasSize(1);
		assertThat(metadata.path("resources").valueStream().map((resource) -> resource.path("glob").asString()))
			.contains("io/github/bytezspring/client/bytez-client.properties");
	}

	private static List<JsonNode> reflectionOf(JsonNode metadata, String type) {
		return StreamSupport.stream(metadata.path("reflection").spliterator(), false)
			.filter((entry) -> type.equals(entry.path("type").asString()))
			.toList();
	}

}
