package io.github.bytezspring.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's package structure: one job per package and no cycles between them, no
 * Spring Boot (the client must work with a plain {@code WebClient.Builder}), and
 * {@code internal} reached only through the façade.
 */
class ArchitectureTests {

	private static final String CLIENT = "io.github.bytezspring.client";

	private static final String INTERNAL = CLIENT + ".internal..";

	private static JavaClasses classes;

	@BeforeAll
	static void importTheClientsMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(CLIENT);
		assertThat(classes).as("the client's main classes").isNotEmpty();
	}

	@Test
	void packagesFormNoCycle() {
		slices().matching("io.github.bytezspring.(**)").namingSlices("$1").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theClientNeverUsesSpringBoot() {
		noClasses().that()
			.resideInAPackage(CLIENT + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(classes);
	}

	@Test
	void internalIsUsedOnlyByTheProjectsOwnCode() {
		classes().that()
			.resideInAPackage("..internal..")
			.should()
			.onlyHaveDependentClassesThat()
			.resideInAPackage("io.github.bytezspring..")
			.check(classes);
	}

	@Test
	void internalIsUsedOnlyByTheFacadeAndItself() {
		classes().that()
			.resideInAPackage(INTERNAL)
			.should()
			.onlyHaveDependentClassesThat()
			.resideInAnyPackage(CLIENT, INTERNAL)
			.check(classes);
	}

	@Test
	void theValueAndExtensionPackagesUseNeitherTheFacadeNorInternal() {
		noClasses().that()
			.resideInAnyPackage(CLIENT + ".model..", CLIENT + ".error..", CLIENT + ".retry..",
					CLIENT + ".observation..", CLIENT + ".cluster..", CLIENT + ".openai..", CLIENT + ".concurrency..",
					CLIENT + ".budget..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(CLIENT, INTERNAL)
			.check(classes);
	}

	@Test
	void theClientsCompiledClassesDoNotNameSpringBoot() throws IOException {
		// also catches what ArchUnit does not see as a dependency, e.g. a class name in a
		// string constant
		assertThat(filesContaining(Path.of("target/classes/io/github/bytezspring/client"), ".class",
				"org/springframework/boot"))
			.as("compiled client classes that name org.springframework.boot")
			.isEmpty();
	}

	@Test
	void theClientsSourcesDoNotNameSpringBoot() throws IOException {
		assertThat(filesContaining(Path.of("src/main/java/io/github/bytezspring/client"), ".java",
				"org.springframework.boot"))
			.as("client sources that name org.springframework.boot")
			.isEmpty();
	}

	private static List<String> filesContaining(Path root, String suffix, String text) throws IOException {
		assertThat(root).isDirectory();
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(suffix))
				.filter((file) -> read(file).contains(text))
				.map(Path::toString)
				.toList();
		}
	}

	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
