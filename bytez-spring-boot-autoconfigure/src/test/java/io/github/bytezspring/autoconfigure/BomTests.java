package io.github.bytezspring.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the BOM ({@code bytez-spring-boot-dependencies}) lists exactly the project's
 * published artifacts, that the root pom's dependency management agrees with it, and that
 * every published module carries the metadata a release needs.
 */
class BomTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String GROUP = "io.github.bytezspring";

	@Test
	void theBomListsExactlyThePublishedArtifacts() throws Exception {
		Document bom = read(ROOT.resolve("bytez-spring-boot-dependencies/pom.xml"));
		assertThat(managed(bom)).containsOnlyKeys(publishedArtifacts())
			.allSatisfy((artifactId, version) -> assertThat(version).as(artifactId).isEqualTo("${project.version}"));
	}

	@Test
	void theRootPomManagesTheSameArtifactsAsTheBom() throws Exception {
		Map<String, String> bom = managed(read(ROOT.resolve("bytez-spring-boot-dependencies/pom.xml")));
		Map<String, String> root = managed(read(ROOT.resolve("pom.xml")));
		assertThat(root).containsExactlyEntriesOf(bom);
	}

	@Test
	void theBomHasTheProjectsVersionAndNoParent() throws Exception {
		Document bom = read(ROOT.resolve("bytez-spring-boot-dependencies/pom.xml"));
		Document root = read(ROOT.resolve("pom.xml"));
		assertThat(child(bom.getDocumentElement(), "parent")).isNull();
		assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(root.getDocumentElement(), "version"));
		assertThat(text(bom.getDocumentElement(), "packaging")).isEqualTo("pom");
	}

	@Test
	void everyPublishedPomHasTheMetadataARepositoryNeeds() throws Exception {
		Element root = read(ROOT.resolve("pom.xml")).getDocumentElement();
		for (String tag : List.of("name", "description", "url", "licenses", "developers", "scm")) {
			assertThat(child(root, tag)).as("root pom's <%s>", tag).isNotNull();
		}
		Element bom = read(ROOT.resolve("bytez-spring-boot-dependencies/pom.xml")).getDocumentElement();
		for (String tag : List.of("name", "description", "url", "licenses", "developers", "scm")) {
			// the BOM has no parent to inherit them from
			assertThat(child(bom, tag)).as("BOM's <%s>", tag).isNotNull();
		}
		for (Path module : publishedModules()) {
			Element pom = read(module.resolve("pom.xml")).getDocumentElement();
			assertThat(text(pom, "name")).as(module + " name").isNotBlank();
			assertThat(text(pom, "description")).as(module + " description").isNotBlank();
			if (!module.endsWith("bytez-spring-boot-dependencies")) {
				// url, licenses, developers and scm are inherited from the root pom
				assertThat(text(child(pom, "parent"), "artifactId")).as(module + " parent")
					.isEqualTo("bytez-spring-boot-parent");
			}
		}
	}

	@Test
	void theStarterIsAJarThatUsersDeclareAsAPlainDependency() throws Exception {
		Element starter = read(ROOT.resolve("bytez-spring-boot-starter/pom.xml")).getDocumentElement();
		String packaging = text(starter, "packaging");
		assertThat(packaging).as("the starter's packaging").isIn(null, "jar");
		for (String sample : List.of("samples/quickstart", "samples/chat-web")) {
			Element pom = read(ROOT.resolve(sample).resolve("pom.xml")).getDocumentElement();
			Element dependency = dependencies(child(pom, "dependencies")).stream()
				.filter((candidate) -> "bytez-spring-boot-starter".equals(text(candidate, "artifactId")))
				.findFirst()
				.orElseThrow();
			assertThat(child(dependency, "type")).as(sample + " declares the starter without a <type>").isNull();
		}
	}

	private static List<String> publishedArtifacts() throws Exception {
		List<String> artifacts = new ArrayList<>();
		for (Path module : publishedModules()) {
			Element pom = read(module.resolve("pom.xml")).getDocumentElement();
			String artifactId = text(pom, "artifactId");
			// an archetype is a template for archetype:generate, never a dependency: no
			// BOM manages it
			if (!"bytez-spring-boot-dependencies".equals(artifactId)
					&& !"maven-archetype".equals(text(pom, "packaging"))) {
				artifacts.add(artifactId);
			}
		}
		return artifacts;
	}

	/**
	 * The root pom's modules, less those that are not published (samples and the like
	 * skip deploy).
	 */
	private static List<Path> publishedModules() throws Exception {
		Element root = read(ROOT.resolve("pom.xml")).getDocumentElement();
		List<Path> modules = new ArrayList<>();
		for (Element module : children(child(root, "modules"), "module")) {
			Path directory = ROOT.resolve(module.getTextContent().trim());
			Element pom = read(directory.resolve("pom.xml")).getDocumentElement();
			Element properties = child(pom, "properties");
			boolean skipsDeploy = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
			if (!skipsDeploy) {
				modules.add(directory);
			}
		}
		assertThat(modules).as("published modules").isNotEmpty();
		return modules;
	}

	/**
	 * This project's artifacts in a pom's dependency management, with their versions.
	 */
	private static Map<String, String> managed(Document pom) {
		Element management = child(pom.getDocumentElement(), "dependencyManagement");
		Map<String, String> managed = new LinkedHashMap<>();
		for (Element dependency : dependencies(child(management, "dependencies"))) {
			if (GROUP.equals(text(dependency, "groupId"))) {
				managed.put(text(dependency, "artifactId"), text(dependency, "version"));
			}
		}
		return managed;
	}

	private static List<Element> dependencies(Element dependencies) {
		return children(dependencies, "dependency");
	}

	private static Document read(Path pom) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(pom.toFile());
	}

	private static Element child(Element parent, String name) {
		List<Element> children = children(parent, name);
		return children.isEmpty() ? null : children.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		if (parent != null) {
			for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && name.equals(element.getTagName())) {
					children.add(element);
				}
			}
		}
		return children;
	}

	private static String text(Element parent, String name) {
		Element child = child(parent, name);
		return (child != null) ? child.getTextContent().trim() : null;
	}

}
