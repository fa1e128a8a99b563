package io.github.bytezspring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pages of {@code README.md} and {@code docs/*.md} and their {@code ```java} blocks,
 * each with the {@code <!-- snippet: Class#method -->} marker above it.
 */
final class DocsPages {

	static final Path REPOSITORY = Path.of("..");

	static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([A-Za-z0-9_]+)#([A-Za-z0-9_]+)\\s*-->");

	private DocsPages() {
	}

	static List<Path> pages() {
		List<Path> pages = new ArrayList<>();
		pages.add(REPOSITORY.resolve("README.md"));
		try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
			docs.filter((path) -> path.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pages;
	}

	static List<String> read(Path page) {
		try {
			return Files.readAllLines(page, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every {@code ```java} block of every page, in page order.
	 * @return the snippets
	 */
	static List<Snippet> snippets() {
		List<Snippet> snippets = new ArrayList<>();
		for (Path page : pages()) {
			List<String> lines = read(page);
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).strip().equals("```java")) {
					int end = i + 1;
					while (end < lines.size() && !lines.get(end).strip().equals("```")) {
						end++;
					}
					String marker = previousNonBlank(lines, i);
					Matcher matcher = MARKER.matcher((marker != null) ? marker : "");
					snippets.add(new Snippet(REPOSITORY.relativize(page).toString(), i + 1,
							matcher.matches() ? matcher.group(1) + "#" + matcher.group(2) : null,
							lines.subList(i + 1, Math.min(end, lines.size()))));
					i = end;
				}
			}
		}
		return snippets;
	}

	static String previousNonBlank(List<String> lines, int index) {
		for (int i = index - 1; i >= 0; i--) {
			if (!lines.get(i).isBlank()) {
				return lines.get(i).strip();
			}
		}
		return null;
	}

	/**
	 * One {@code ```java} block.
	 *
	 * @param page the page, relative to the repository
	 * @param line the line of the opening fence
	 * @param marker {@code Class#method} of the test that holds it, or {@code null}
	 * @param lines the lines between the fences
	 */
	record Snippet(String page, int line, String marker, List<String> lines) {

		/**
		 * The {@code import} lines the block opens with.
		 * @return the imports, possibly none
		 */
		List<String> imports() {
			return this.lines.subList(0, bodyStart()).stream().filter((line) -> !line.isBlank()).toList();
		}

		/**
		 * What follows the imports.
		 * @return the code
		 */
		String body() {
			return String.join("\n", this.lines.subList(bodyStart(), this.lines.size()));
		}

		private int bodyStart() {
			int start = 0;
			for (int i = 0; i < this.lines.size(); i++) {
				String line = this.lines.get(i).strip();
				if (line.startsWith("import ")) {
					start = i + 1;
				}
				else if (!line.isEmpty()) {
					break;
				}
			}
			while (start < this.lines.size() && this.lines.get(start).isBlank()) {
				start++;
			}
			return start;
		}

		String where() {
			return this.page + ":" + this.line + ((this.marker != null) ? " (" + this.marker + ")" : "");
		}

	}

}
