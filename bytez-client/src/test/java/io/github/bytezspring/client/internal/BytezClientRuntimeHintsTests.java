package io.github.bytezspring.client.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.bytezspring.client.BytezTemplate;
import io.github.bytezspring.client.cluster.BytezCluster;
import io.github.bytezspring.client.cluster.BytezClusterCapacity;
import io.github.bytezspring.client.model.BytezContent;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMedia;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.model.BytezModelInfo;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.output.Label;
import io.github.bytezspring.client.model.output.MaskGeneration;
import io.github.bytezspring.client.openai.ChatCompletion;
import io.github.bytezspring.client.openai.ChatCompletionChunk;
import io.github.bytezspring.client.openai.ChatMessage;
import io.github.bytezspring.client.openai.Completion;
import io.github.bytezspring.client.openai.OpenAiUsage;
import io.github.bytezspring.client.openai.ResponsesResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BytezClientRuntimeHints}: the hints Spring's AOT processing gets from
 * the client's {@code aot.factories}, checked with {@link RuntimeHintsPredicates}.
 */
class BytezClientRuntimeHintsTests {

	private static final RuntimeHints hints = new RuntimeHints();

	private static List<RuntimeHintsRegistrar> registrars;

	@BeforeAll
	static void applyTheRegistrarsOfEveryAotFactoriesFile() {
		registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		registrars.forEach(
				(registrar) -> registrar.registerHints(hints, BytezClientRuntimeHintsTests.class.getClassLoader()));
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(registrars).hasAtLeastOneElementOfType(BytezClientRuntimeHints.class);
	}

	@Test
	void theUserAgentsVersionFileIsAResource() {
		assertThat(RuntimeHintsPredicates.resource().forResource(UserAgent.VERSION_RESOURCE)).accepts(hints);
		assertThat(
				RuntimeHintsPredicates.resource().forResource("io/github/bytezspring/client/bytez-client.properties"))
			.accepts(hints);
		assertThat(UserAgent.value()).doesNotEndWith("/unknown");
	}

	@Test
	void theTypesTheClientBindsAtItsCallSitesAreHinted() {
		// read by listModels, clusters(), the typed outputs and openAi(); written by
		// clusters() and openAi()
		Stream
			.of(BytezModelInfo.class, BytezMessage.class, BytezContent.class, Label.class, MaskGeneration.class,
					MaskGeneration.Dimensions.class, BytezCluster.class, BytezClusterCapacity.class,
					ChatCompletion.class, ChatCompletion.Choice.class, ChatCompletionChunk.class,
					ChatCompletionChunk.Choice.class, ChatCompletionChunk.Delta.class, ChatMessage.class,
					Completion.class, Completion.Choice.class, ResponsesResult.class, OpenAiUsage.class)
			.forEach(BytezClientRuntimeHintsTests::assertBindable);
	}

	@Test
	void theJsonCreatorsAndValuesOfMessagesAndContentBlocksCanBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BytezMessage.class, "fromJson"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BytezMessage.class, "toJson")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BytezContent.class, "fromJson"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BytezContent.class, "toJson")).accepts(hints);
	}

	@Test
	void theSerializerAndDeserializerNamedByChatMessageCanBeConstructed() throws ClassNotFoundException {
		// ChatMessage names them in @JsonSerialize(using = ..) and @JsonDeserialize(using
		// = ..); Jackson
		// creates them by reflection
		for (String name : List.of("io.github.bytezspring.client.openai.ChatMessageJson$Writer",
				"io.github.bytezspring.client.openai.ChatMessageJson$Reader")) {
			Class<?> type = Class.forName(name);
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(name).accepts(hints);
		}
	}

	@Test
	void everyJsonValueTypeOfTheClientIsHinted() {
		// found with ArchUnit, independently of the registrar's own scan, so that a new
		// record of a value
		// package that the registrar missed fails here
		Set<Class<?>> expected = jsonValueTypesFoundByArchUnit();
		assertThat(expected).as("the JSON value types ArchUnit finds")
			.contains(Label.class, BytezCluster.class, ChatCompletion.class, BytezModelInfo.class)
			.doesNotContain(BytezInput.class, BytezOptions.class, BytezMedia.class);
		assertThat(BytezClientRuntimeHints.jsonTypes(getClass().getClassLoader())).containsAll(expected);
		expected.forEach(BytezClientRuntimeHintsTests::assertBindable);
	}

	@Test
	void valuesTheClientWritesByHandAndItsServicesAreNotHinted() {
		Stream.of(BytezInput.class, BytezOptions.class, BytezMedia.class, BytezTemplate.class)
			.forEach((type) -> assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName())
				.rejects(hints));
	}

	private static void assertBindable(Class<?> type) {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(type)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.ACCESS_DECLARED_FIELDS))
			.as("constructors and fields of %s", type.getName())
			.accepts(hints);
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as("the accessor %s of %s", component.getName(), type.getName())
					.accepts(hints);
			}
		}
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			if (Stream.of(method.getDeclaredAnnotations())
				.anyMatch((annotation) -> annotation.annotationType().isAnnotationPresent(JacksonAnnotation.class))) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method))
					.as("the Jackson-annotated method %s", method)
					.accepts(hints);
			}
		}
	}

	private static Set<Class<?>> jsonValueTypesFoundByArchUnit() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages(BytezClientRuntimeHints.MODEL_PACKAGE, "io.github.bytezspring.client.cluster",
					"io.github.bytezspring.client.openai")
			.stream()
			.filter((type) -> !type.isAnonymousClass() && !type.isLocalClass())
			.filter((type) -> isValueRecord(type) || hasJacksonAnnotation(type))
			.map(JavaClass::reflect)
			.collect(Collectors.toSet());
	}

	private static boolean isValueRecord(JavaClass type) {
		return type.getRawSuperclass().map((superclass) -> superclass.isEquivalentTo(Record.class)).orElse(false)
				&& BytezClientRuntimeHints.JSON_PACKAGES.contains(type.getPackageName());
	}

	private static boolean hasJacksonAnnotation(JavaClass type) {
		return Stream
			.concat(type.getAnnotations().stream(),
					type.getMembers().stream().flatMap((member) -> member.getAnnotations().stream()))
			.map(JavaAnnotation::getRawType)
			.anyMatch((annotation) -> annotation.isAnnotatedWith(JacksonAnnotation.class));
	}

}
