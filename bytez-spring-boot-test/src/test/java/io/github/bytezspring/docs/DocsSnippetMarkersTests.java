package io.github.bytezspring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every {@code ```java} block of {@code README.md} and {@code docs/*.md} is
 * preceded by a {@code <!-- snippet: Class#method -->} marker that names an existing test
 * method of this package, so that a new snippet fails the build until a test holds it;
 * and that their relative links lead somewhere.
 */
class DocsSnippetMarkersTests {

	private static final Path REPOSITORY = DocsPages.REPOSITORY;

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern MARKER = DocsPages.MARKER;

	@Test
	void everyJavaSnippetNamesTheTestThatHoldsIt() {
		List<Path> pages = DocsPages.pages();
		assertThat(pages).as("README.md and docs/*.md").hasSizeGreaterThan(5);
		List<String> problems = new ArrayList<>();
		int snippets = 0;
		for (Path page : pages) {
			List<String> lines = DocsPages.read(page);
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).strip().equals("```java")) {
					snippets++;
					String where = REPOSITORY.relativize(page) + ":" + (i + 1);
					String marker = DocsPages.previousNonBlank(lines, i);
					Matcher matcher = MARKER.matcher((marker != null) ? marker : "");
					if (!matcher.matches()) {
						problems.add(where + ": no <!-- snippet: Class#method --> line right above the block");
					}
					else {
						String problem = checkHolder(matcher.group(1), matcher.group(2));
						if (problem != null) {
							problems.add(where + ": " + problem);
						}
					}
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(snippets).isGreaterThan(10);
	}

	@Test
	void everyRelativeLinkPointsToAnExistingFileAndHeading() {
		List<String> problems = new ArrayList<>();
		for (Path page : DocsPages.pages()) {
			Matcher link = LINK.matcher(String.join("\n", DocsPages.read(page)));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("[a-z]+:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				String where = REPOSITORY.relativize(page) + ": (" + target + ")";
				if (!Files.exists(linked)) {
					problems.add(where + ": no file " + linked);
				}
				else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
					problems.add(where + ": no heading for #" + target.substring(hash + 1));
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void aBlockWithoutAMarkerIsFound() {
		List<String> lines = List.of("text", "", "```java", "int x;", "```");
		assertThat(DocsPages.previousNonBlank(lines, 2)).isEqualTo("text");
		assertThat(MARKER.matcher("text").matches()).isFalse();
		assertThat(checkHolder("DocsSnippetsTests", "noSuchMethod")).contains("noSuchMethod");
		assertThat(checkHolder("NoSuchTests", "streams")).contains("NoSuchTests");
		assertThat(checkHolder("DocsSnippetsTests", "streamExample")).isNull();
		assertThat(checkHolder("SpringAiDocsTests", "chatModelDirectly")).isNull();
		assertThat(checkHolder("SpringAiDocsTests", "noSuchMethod")).contains("noSuchMethod");
	}

	private static List<String> anchors(Path page) {
		if (!page.getFileName().toString().endsWith(".md")) {
			return List.of();
		}
		return DocsPages.read(page)
			.stream()
			.filter((line) -> line.startsWith("#"))
			.map((line) -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT))
			.map((heading) -> heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
			.toList();
	}

	private static String checkHolder(String className, String methodName) {
		Class<?> type;
		try {
			type = Class.forName(DocsSnippetMarkersTests.class.getPackageName() + "." + className);
		}
		catch (ClassNotFoundException ex) {
			return checkHolderInAnotherModule(className, methodName);
		}
		boolean found = Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals(methodName))
			.anyMatch(DocsSnippetMarkersTests::isTest);
		return found ? null : "no @Test method " + className + "#" + methodName;
	}

	/**
	 * A holder in another module's tests, in the same package (bytez-spring-ai's, which
	 * this module cannot depend on): found in its source, a method named so right after
	 * an {@code @Test}.
	 */
	private static String checkHolderInAnotherModule(String className, String methodName) {
		String source = DocsSnippetMarkersTests.class.getPackageName().replace('.', '/') + "/" + className + ".java";
		try (Stream<Path> modules = Files.list(REPOSITORY)) {
			Path holder = modules.map((module) -> module.resolve("src/test/java").resolve(source))
				.filter(Files::isRegularFile)
				.findFirst()
				.orElse(null);
			if (holder == null) {
				return "no test class " + className + " in " + DocsSnippetMarkersTests.class.getPackageName();
			}
			Pattern test = Pattern.compile("@Test\\s+void\\s+" + Pattern.quote(methodName) + "\\(");
			return test.matcher(Files.readString(holder)).find() ? null
					: "no @Test method " + className + "#" + methodName;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isTest(Method method) {
		return method.isAnnotationPresent(Test.class);
	}

}
