package io.github.bytezspring.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.github.bytezspring.docs.DocsPages.Snippet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code ```java} block of {@code README.md} and {@code docs/*.md} exactly
 * as the page shows it, its imports included, so that a snippet that needs an import it
 * does not show, or names a type or method that does not exist, fails the build. A block
 * that declares types is compiled as it is; a block of statements goes into a method, and
 * a block of members into a class, next to the declarations its page says surround it
 * ({@link #AROUND}, written with qualified names so that they import nothing for the
 * snippet). The test named by each block's marker runs the same calls against the stub.
 */
class DocsSnippetsCompileTests {

	private static final String BYTEZ = "io.github.bytezspring.client.BytezTemplate bytez;";

	private static final String LOG = "org.apache.commons.logging.Log log;";

	private static final String OPEN_AI = "io.github.bytezspring.client.openai.BytezOpenAi openAi;";

	private static final String REQUEST = "io.github.bytezspring.client.openai.ChatCompletionRequest request;";

	private static final String STUB = "io.github.bytezspring.test.BytezStubServer stub;";

	private static final String IMAGE_URL = "String imageUrl;";

	private static final String CHAT_CLIENT = "org.springframework.ai.chat.client.ChatClient chatClient;";

	/** What surrounds a snippet of statements or members, as its page describes it. */
	private static final Map<String, String> AROUND = around();

	/** Snippets of class members (methods, nested records), compiled inside a class. */
	private static final Set<String> MEMBERS = Set.of("MvcStreamingTests#theEmitterRelaysEveryPieceExactly",
			"MvcVirtualThreadTests#blockRunsOnAVirtualThread", "RelaySnippetsTests#relayToBrowser",
			"StrictStubTests#aWrongInputShapeFailsTheTest");

	private static final String MY_APPLICATION = "@org.springframework.boot.autoconfigure.SpringBootApplication "
			+ "class MyApplication { public static void main(String[] args) { } }";

	/** Snippets of statements that begin with a local type, compiled inside a method. */
	private static final Set<String> STATEMENTS = Set.of("DocsSnippetsTests#outputAsTypeReference",
			"SpringAiDocsTests#toolLoop", "SpringAiDocsTests#nativeStructuredOutput");

	/**
	 * Types a snippet of types uses from elsewhere: another snippet (by marker) or what
	 * its page names.
	 */
	private static final Map<String, String> ALONGSIDE = Map.of("AssistantTests#survivesARateLimit",
			"snippet:AssistantTests#answersWithTheModel",
			"TestRunSnippetsTests#theLauncherRunsTheApplicationAgainstTheStub", MY_APPLICATION,
			"TestRunSnippetsTests#aTestConfigurationShapesTheStubsAnswers", MY_APPLICATION);

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public (?:final |abstract )*(?:class|record|interface|enum) (\\w+)");

	private static final Pattern TYPE_DECLARATION = Pattern
		.compile("(public |final |abstract )*(class|record|interface|enum) .*");

	private static Map<String, String> around() {
		Map<String, String> around = new LinkedHashMap<>();
		around.put("DocsSnippetsTests#streamExample", BYTEZ);
		around.put("DocsSnippetsTests#closedModel", BYTEZ);
		around.put("CostDocsSnippetsTests#readMetadata", BYTEZ + LOG);
		around.put("CostDocsSnippetsTests#callListener", LOG);
		around.put("CostDocsSnippetsTests#autoScalePerCall", BYTEZ);
		around.put("DocsSnippetsTests#handleErrors",
				BYTEZ + LOG + "String model; io.github.bytezspring.client.model.BytezInput input;");
		around.put("CostDocsSnippetsTests#outOfCredits",
				BYTEZ + "io.github.bytezspring.client.model.BytezInput input;");
		around.put("DocsSnippetsTests#streamMediaTo", BYTEZ);
		around.put("DocsSnippetsTests#catalogue", BYTEZ);
		around.put("ApiExtrasSnippetsTests#requestModel", BYTEZ);
		around.put("DocsSnippetsTests#clusters", BYTEZ);
		around.put("DocsSnippetsTests#openAiCompatible", BYTEZ);
		around.put("OpenAiSnippetsTests#openAiContentParts", OPEN_AI + "java.nio.file.Path photos;");
		around.put("OpenAiSnippetsTests#openAiTools", OPEN_AI);
		around.put("OpenAiSnippetsTests#openAiToolsRefused", OPEN_AI + REQUEST);
		around.put("OpenAiSnippetsTests#openAiStreamedToolCalls", OPEN_AI + REQUEST);
		around.put("OpenAiSnippetsTests#openAiReasoning", OPEN_AI);
		around.put("OpenAiSnippetsTests#openAiStreamCompletion", OPEN_AI);
		around.put("OpenAiSnippetsTests#openAiResponsesTyped", OPEN_AI);
		around.put("OpenAiSnippetsTests#openAiStreamResponses", OPEN_AI);
		around.put("ApiExtrasSnippetsTests#perCallApiKey", BYTEZ + "String tenantKey;");
		around.put("SpringAiDocsTests#perCallOptions", CHAT_CLIENT);
		around.put("SpringAiDocsTests#chatModelDirectly", "org.springframework.ai.chat.model.ChatModel chatModel;");
		around.put("SpringAiDocsTests#toolLoop", CHAT_CLIENT);
		around.put("SpringAiDocsTests#nativeStructuredOutput", CHAT_CLIENT);
		around.put("SpringAiDocsTests#responseMetadata", CHAT_CLIENT);
		around.put("SpringAiDocsTests#springAiOpenAiPointedAtBytez", "String bytezApiKey;");
		around.put("MvcStreamingTests#theEmitterRelaysEveryPieceExactly", BYTEZ + "record Piece(String text) { }");
		around.put("MvcVirtualThreadTests#blockRunsOnAVirtualThread", BYTEZ + "record Answer(String text) { }");
		String ask = BYTEZ + "io.github.bytezspring.client.model.BytezInput ask(String question) { return null; }";
		around.put("ReactorThreadTests#blockInsideMapFailsOnAReactorThread", ask);
		around.put("ReactorThreadTests#flatMapChainsTheSecondCall", ask);
		around.put("ReactorThreadTests#publishOnMovesBlockingCodeOffTheReactorThread",
				ask + "interface Archive { long save(String text); } Archive archive;");
		around.put("RelaySnippetsTests#relayToBrowser", BYTEZ);
		around.put("ApiExtrasSnippetsTests#extraFields", BYTEZ);
		around.put("DocsSnippetsTests#outputAsTypeReference", BYTEZ + IMAGE_URL);
		around.put("DocsSnippetsTests#typedOutputs", "io.github.bytezspring.client.model.BytezResponse response;");
		around.put("DocsSnippetsTests#textOutput", BYTEZ + "String article;");
		around.put("DocsSnippetsTests#chatWithImage", BYTEZ);
		around.put("DocsSnippetsTests#visionOutputs", BYTEZ + IMAGE_URL);
		around.put("DocsSnippetsTests#audioAndVideoOutputs", BYTEZ + "String wavUrl;");
		around.put("DocsSnippetsTests#zeroShot", BYTEZ);
		around.put("DocsSnippetsTests#embeddings", BYTEZ + "String sentence;");
		around.put("DocsSnippetsTests#mediaUrl", BYTEZ);
		around.put("DocsSnippetsTests#typedRunAndChat", BYTEZ + IMAGE_URL);
		around.put("StrictStubTests#aWrongInputShapeFailsTheTest", BYTEZ);
		around.put("DocsSnippetsTests#stubScripts", STUB);
		around.put("FailoverDocsSnippetsTests#fallbackPerCall", BYTEZ);
		return around;
	}

	/**
	 * The page whose snippets need Spring AI, which this module's tests do not have:
	 * bytez-spring-ai's tests compile them, through {@link #compileProblems}, from this
	 * module's test jar.
	 */
	static final String SPRING_AI_PAGE = "docs/spring-ai.md";

	@Test
	void everySnippetCompilesAsThePageShowsIt(@TempDir Path classes) {
		assertThat(DocsPages.snippets()).hasSizeGreaterThan(40);
		assertThat(compileProblems((snippet) -> !snippet.page().equals(SPRING_AI_PAGE), classes)).isEmpty();
	}

	/**
	 * Compiles the chosen snippets of every page.
	 * @param which the snippets to compile
	 * @param classes where the classes go
	 * @return each error, where it is and what it says
	 */
	static List<String> compileProblems(Predicate<Snippet> which, Path classes) {
		List<Snippet> snippets = DocsPages.snippets().stream().filter(which).toList();
		assertThat(snippets).isNotEmpty();
		List<JavaFileObject> sources = new ArrayList<>();
		Map<String, Snippet> byPackage = new LinkedHashMap<>();
		for (int i = 0; i < snippets.size(); i++) {
			String packageName = "snippet" + i;
			byPackage.put(packageName, snippets.get(i));
			sources.addAll(sources(packageName, snippets.get(i), snippets));
		}
		return compile(sources, classes).stream()
			.map((diagnostic) -> where(diagnostic, byPackage) + ": " + diagnostic.getMessage(Locale.ROOT))
			.toList();
	}

	@Test
	void aSnippetMissingAnImportFailsToCompile(@TempDir Path classes) {
		Snippet withImport = new Snippet("test.md", 1, "DocsSnippetsTests#streamExample",
				List.of("import reactor.core.publisher.Flux;", "",
						"import io.github.bytezspring.client.model.BytezInput;", "",
						"Flux<String> tokens = bytez.stream(\"openai-community/gpt2\", BytezInput.text(\"Hi\"));"));
		Snippet withoutImport = new Snippet("test.md", 1, "DocsSnippetsTests#streamExample",
				List.of("import reactor.core.publisher.Flux;",
						"Flux<String> tokens = bytez.stream(\"openai-community/gpt2\", BytezInput.text(\"Hi\"));"));
		assertThat(withImport.imports()).hasSize(2);
		assertThat(withImport.body()).startsWith("Flux<String>");
		assertThat(compile(sources("ok", withImport, List.of()), classes)).isEmpty();
		assertThat(compile(sources("missing", withoutImport, List.of()), classes)).singleElement()
			.satisfies((diagnostic) -> assertThat(diagnostic.getMessage(Locale.ROOT)).contains("BytezInput"));
	}

	private static List<JavaFileObject> sources(String packageName, Snippet snippet, List<Snippet> all) {
		List<JavaFileObject> sources = new ArrayList<>();
		String imports = String.join("\n", snippet.imports());
		String header = "package " + packageName + ";\n" + imports + "\n";
		String body = snippet.body();
		if (isTypes(body) && !MEMBERS.contains(snippet.marker()) && !STATEMENTS.contains(snippet.marker())) {
			Matcher publicType = PUBLIC_TYPE.matcher(body);
			sources.add(source(packageName, publicType.find() ? publicType.group(1) : "Snippet", header + body));
			String alongside = ALONGSIDE.get(snippet.marker());
			if (alongside != null) {
				sources.add(source(packageName, "Alongside", alongside(packageName, alongside, all)));
			}
			return sources;
		}
		String around = AROUND.getOrDefault(snippet.marker(), "");
		String code = MEMBERS.contains(snippet.marker()) ? body : "void snippet() throws Exception {\n" + body + "\n}";
		sources.add(source(packageName, "Snippet", header + "class Snippet {\n" + around + "\n" + code + "\n}\n"));
		return sources;
	}

	private static String alongside(String packageName, String alongside, List<Snippet> all) {
		if (!alongside.startsWith("snippet:")) {
			return "package " + packageName + ";\n" + alongside;
		}
		String marker = alongside.substring("snippet:".length());
		Snippet other = all.stream()
			.filter((candidate) -> marker.equals(candidate.marker()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no snippet marked " + marker));
		return "package " + packageName + ";\n" + String.join("\n", other.imports()) + "\n" + other.body();
	}

	private static boolean isTypes(String body) {
		return body.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("//") && !line.startsWith("@"))
			.findFirst()
			.map((line) -> TYPE_DECLARATION.matcher(line).matches())
			.orElse(false);
	}

	private static List<Diagnostic<? extends JavaFileObject>> compile(List<JavaFileObject> sources, Path classes) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("the JDK's compiler (the tests run on a JDK, not a JRE)").isNotNull();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			List<String> options = List.of("-proc:none", "-parameters", "--release", "17", "-classpath", classpath(),
					"-d", classes.toString());
			compiler.getTask(null, files, diagnostics, options, null, sources).call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return diagnostics.getDiagnostics()
			.stream()
			.filter((diagnostic) -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
			.toList();
	}

	/**
	 * The test class path: Surefire's launcher jar carries it in its manifest, and names
	 * it in a system property as well.
	 */
	private static String classpath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	private static String where(Diagnostic<? extends JavaFileObject> diagnostic, Map<String, Snippet> byPackage) {
		JavaFileObject source = diagnostic.getSource();
		if (source == null) {
			return "?";
		}
		String packageName = source.getName().replaceFirst("^/?([^/]+)/.*$", "$1");
		Snippet snippet = byPackage.get(packageName);
		String line = source.getName() + " line " + diagnostic.getLineNumber();
		return (snippet != null) ? snippet.where() + " [" + line + "]" : line;
	}

	private static JavaFileObject source(String packageName, String className, String code) {
		URI uri = URI.create("string:///" + packageName + "/" + className + ".java");
		return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return code;
			}

		};
	}

}
