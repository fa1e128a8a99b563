package io.github.bytezspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.bytezspring.client.BytezSettings;
import io.github.bytezspring.client.settings.BytezSetting;
import io.github.bytezspring.testsupport.ConfigurationMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code bytez.*} setting is described once ({@link BytezBootSettings},
 * {@link BytezSettings}), and each description has everything it drives: a property in
 * the generated metadata with a description, the same default there, in a fresh
 * {@link BytezProperties} and in the client, a rule, a row in
 * {@code docs/configuration.md} (or {@code docs/concurrency.md} for
 * {@code bytez.concurrency.*}), and, for a builder option, its property in the client's
 * messages.
 */
class BytezSettingsDescriptionTests {

	/**
	 * Properties that are not one setting each: a map of endpoints and a list of fallback
	 * chains, each checked in its own words.
	 */
	private static final Set<String> NOT_SETTINGS = Set.of("bytez.endpoints", "bytez.fallbacks");

	private static Map<String, JsonNode> metadata;

	private static String configurationPages;

	@BeforeAll
	static void read() throws Exception {
		metadata = new HashMap<>();
		// management.endpoint.bytez.* are Boot's own endpoint properties, generated from
		// @Endpoint
		ConfigurationMetadata.generated().properties().forEach((name, property) -> {
			if (name.startsWith(BytezSetting.PREFIX)) {
				metadata.put(name, property);
			}
		});
		StringBuilder pages = new StringBuilder();
		// docs/configuration.md, and the page of a topic that has its own table
		// (docs/concurrency.md)
		for (String page : List.of("configuration.md", "concurrency.md")) {
			pages.append(Files.readString(Path.of("..", "docs", page), StandardCharsets.UTF_8)).append('\n');
		}
		configurationPages = pages.toString();
	}

	@Test
	void everyPropertyOfTheMetadataIsADescribedSetting() {
		Set<String> described = new TreeSet<>();
		BytezBootSettings.all().forEach((setting) -> described.add(setting.propertyName()));
		Set<String> properties = new TreeSet<>(metadata.keySet());
		properties.removeAll(NOT_SETTINGS);
		assertThat(described).as("described settings").containsExactlyElementsOf(properties);
		assertThat(described).hasSameSizeAs(BytezBootSettings.all());
	}

	@Test
	void everySettingHasADescribedPropertyOfItsType() {
		assertThat(BytezBootSettings.all()).allSatisfy((setting) -> {
			JsonNode property = metadata.get(setting.propertyName());
			assertThat(property).as(setting.propertyName()).isNotNull();
			assertThat(property.path("description").asString()).as(setting.propertyName() + "'s description")
				.isNotBlank();
			// a list's or a map's setting has the raw type, e.g. List for
			// java.util.List<java.lang.String>
			Class<?> type = ClassUtils.forName(property.get("type").stringValue().replaceAll("<.*", ""), null);
			assertThat(ClassUtils.resolvePrimitiveIfNecessary(type)).as(setting.propertyName() + "'s type")
				.isEqualTo(setting.type());
		});
	}

	/**
	 * The defaults IDEs show (the generated metadata, written out in the additional
	 * metadata where the processor cannot evaluate a constant of the client) are the ones
	 * that apply.
	 */
	@Test
	void everySettingsDefaultIsTheSameInTheMetadataThePropertiesAndTheClient() {
		BytezProperties fresh = new BytezProperties();
		assertThat(BytezBootSettings.all()).allSatisfy((setting) -> {
			assertThat(BytezBootSettings.valueOf(fresh, setting)).as(setting.propertyName() + " when unset")
				.isEqualTo(setting.defaultValue());
			JsonNode documented = metadata.get(setting.propertyName()).get("defaultValue");
			if (hasNoDocumentedDefault(setting)) {
				assertThat(documented).as(setting.propertyName() + "'s documented default").isNull();
			}
			else {
				assertThat(documented).as(setting.propertyName() + "'s documented default").isNotNull();
				assertThat(
						ApplicationConversionService.getSharedInstance().convert(documented.asString(), setting.type()))
					.as(setting.propertyName() + "'s documented default")
					.isEqualTo(setting.defaultValue());
			}
		});
	}

	@Test
	void everySettingHasARowInTheConfigurationPagesWithItsDefault() {
		assertThat(BytezBootSettings.all()).allSatisfy((setting) -> {
			String row = "| `" + setting.propertyName() + "` | ";
			assertThat(configurationPages).as(setting.propertyName() + "'s row").contains(row);
			if (!hasNoDocumentedDefault(setting) && !setting.secret()) {
				String documented = configurationPages.lines()
					.filter((line) -> line.startsWith(row))
					.findFirst()
					.orElseThrow()
					.substring(row.length());
				String value = documented.substring(documented.indexOf('`') + 1, documented.indexOf('`', 1));
				assertThat(ApplicationConversionService.getSharedInstance().convert(value, setting.type()))
					.as(setting.propertyName() + "'s default on the page")
					.isEqualTo(setting.defaultValue());
			}
		});
	}

	/**
	 * No default, or an empty list or map, which IDEs show as none.
	 */
	private static boolean hasNoDocumentedDefault(BytezSetting<?> setting) {
		Object value = setting.defaultValue();
		return value == null || (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	/**
	 * Flags and enums may take any value of their type; every other setting has a rule to
	 * say which.
	 */
	@Test
	void everySettingThatIsNotAFlagOrAnEnumHasARule() {
		assertThat(BytezBootSettings.all())
			.filteredOn((setting) -> setting.type() != Boolean.class && !setting.type().isEnum())
			.allSatisfy((setting) -> assertThat(setting.rule().text()).as(setting.propertyName()).isNotBlank());
	}

	@Test
	void everyBuilderOptionIsCalledByItsPropertyInTheClientsMessages() {
		List<BytezSetting<?>> options = BytezBootSettings.all()
			.stream()
			.filter((setting) -> setting.option() != null)
			.toList();
		assertThat(options).hasSizeGreaterThanOrEqualTo(20);
		assertThat(options).allSatisfy((setting) -> {
			assertThat(BytezBootSettings.propertyName(setting.option())).isEqualTo(setting.propertyName());
			assertThat(BytezClientSettingsFailureAnalyzer.withPropertyNames(setting.option() + " is wrong"))
				.isEqualTo("'" + setting.propertyName() + "' is wrong");
		});
	}

	/**
	 * The bean path a property is read by is the one Boot binds it to (dashed elements,
	 * camel-cased).
	 */
	@Test
	void aPropertyIsReadByItsBeanPath() {
		assertThat(BytezBootSettings.beanPath("retry.max-retry-after")).isEqualTo("retry.maxRetryAfter");
		assertThat(BytezBootSettings.beanPath("observations.include-model")).isEqualTo("observations.includeModel");
		assertThat(BytezBootSettings.beanPath("enabled")).isEqualTo("enabled");
		assertThat(BytezBootSettings.all()).extracting(BytezSetting::property)
			.allSatisfy((property) -> assertThat(property).isEqualTo(property.toLowerCase(Locale.ROOT)));
	}

}
