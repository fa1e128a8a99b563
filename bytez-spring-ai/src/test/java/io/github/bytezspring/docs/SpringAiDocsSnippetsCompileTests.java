package io.github.bytezspring.docs;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code ```java} block of {@code docs/spring-ai.md} exactly as the page
 * shows it, imports included, on this module's test class path (Spring AI and the Bytez
 * models), with the stub module's snippet compiler; the stub module compiles every other
 * page.
 */
class SpringAiDocsSnippetsCompileTests {

	@Test
	void everySpringAiSnippetCompilesAsThePageShowsIt(@TempDir Path classes) {
		assertThat(DocsSnippetsCompileTests
			.compileProblems((snippet) -> snippet.page().equals(DocsSnippetsCompileTests.SPRING_AI_PAGE), classes))
			.isEmpty();
	}

}
