package io.github.bytezspring.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client must work with a plain {@code WebClient.Builder}, so it may not use Spring Boot.
 */
class PackageDependencyTests {

	@Test
	void theClientPackageNeverUsesSpringBoot() throws IOException {
		Path client = Path.of("src/main/java/io/github/bytezspring/client");
		assertThat(client).isDirectory();
		List<String> offenders;
		try (Stream<Path> files = Files.walk(client)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java")).filter((file) -> {
				try {
					return Files.readString(file).contains("org.springframework.boot");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).map(Path::toString).toList();
		}
		assertThat(offenders).as("client sources that use org.springframework.boot").isEmpty();
	}

	@Test
	void theClientsCompiledClassesDoNotReferenceSpringBoot() throws IOException {
		Path classes = Path.of("target/classes/io/github/bytezspring/client");
		assertThat(classes).isDirectory();
		try (Stream<Path> files = Files.walk(classes)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".class")).filter((file) -> {
				try {
					return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
						.contains("org/springframework/boot");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).map(Path::toString).toList()).isEmpty();
		}
	}

}
