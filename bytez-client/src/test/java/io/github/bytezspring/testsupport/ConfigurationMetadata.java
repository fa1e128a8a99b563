package io.github.bytezspring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the Spring Boot configuration processor generated for a
 * module ({@code META-INF/spring-configuration-metadata.json}, the additional metadata
 * merged in), read for the tests of every module that has properties.
 */
public final class ConfigurationMetadata {

	private static final String LOCATION = "/META-INF/spring-configuration-metadata.json";

	private final Map<String, JsonNode> properties = new LinkedHashMap<>();

	private final Map<String, JsonNode> hints = new LinkedHashMap<>();

	private ConfigurationMetadata(JsonNode metadata) {
		metadata.path("properties").forEach((property) -> this.properties.put(name(property), property));
		metadata.path("hints").forEach((hint) -> this.hints.put(name(hint), hint));
	}

	/**
	 * The generated metadata on the class path of the running tests.
	 * @return the metadata
	 * @throws IllegalStateException when there is none (the processor did not run)
	 */
	public static ConfigurationMetadata generated() {
		try (InputStream in = ConfigurationMetadata.class.getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException("no " + LOCATION + ": did the configuration processor run?");
			}
			return new ConfigurationMetadata(JsonMapper.builder().build().readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every property, by name, in the order of the file.
	 * @return the properties
	 */
	public Map<String, JsonNode> properties() {
		return this.properties;
	}

	/**
	 * Every hint, by name, in the order of the file.
	 * @return the hints
	 */
	public Map<String, JsonNode> hints() {
		return this.hints;
	}

	/**
	 * One property.
	 * @param name its name
	 * @return the property
	 * @throws AssertionError when there is none
	 */
	public JsonNode property(String name) {
		return require(this.properties.get(name), "no property " + name);
	}

	/**
	 * One hint.
	 * @param name the name of its property ({@code .keys} or {@code .values} for a map's)
	 * @return the hint
	 * @throws AssertionError when there is none
	 */
	public JsonNode hint(String name) {
		return require(this.hints.get(name), "no hint " + name);
	}

	/**
	 * The values a hint offers.
	 * @param hint the hint
	 * @return the values, as text
	 */
	public static List<String> values(JsonNode hint) {
		List<String> values = new ArrayList<>();
		hint.path("values").forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	/**
	 * The names of a hint's value providers.
	 * @param hint the hint
	 * @return the names, e.g. {@code any}
	 */
	public static List<String> providers(JsonNode hint) {
		List<String> providers = new ArrayList<>();
		hint.path("providers").forEach((provider) -> providers.add(provider.get("name").stringValue()));
		return providers;
	}

	private static String name(JsonNode node) {
		return node.get("name").stringValue();
	}

	private static JsonNode require(JsonNode node, String message) {
		if (node == null) {
			throw new AssertionError(message);
		}
		return node;
	}

}
