package io.github.bytezspring.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * The hints a GraalVM native image needs for what the client reads and writes by
 * reflection: the version file of its {@code User-Agent}, and every JSON value type,
 * bound by Jackson through {@link BindingReflectionHintsRegistrar} (constructors, fields,
 * record accessors, and the types these refer to). Registered in
 * {@code META-INF/spring/aot.factories}, so Spring's AOT processing applies it to every
 * application that has the client on its class path.
 * <p>
 * The JSON value types are found when the hints are made, by scanning the client's value
 * packages, so that a new record needs no registration: every record and every class
 * carrying a Jackson annotation in {@code model.output}, {@code cluster} and
 * {@code openai}, and every class carrying a Jackson annotation in {@code model} (whose
 * other records, such as {@code BytezInput}, are written by hand, not by Jackson). The
 * permitted subclasses of a sealed JSON type are JSON types too.
 */
class BytezClientRuntimeHints implements RuntimeHintsRegistrar {

	private static final String CLIENT = "io.github.bytezspring.client";

	/** The packages whose records all are JSON values. */
	static final List<String> JSON_PACKAGES = List.of(CLIENT + ".model.output", CLIENT + ".cluster",
			CLIENT + ".openai");

	/** The package whose Jackson-annotated classes are JSON values. */
	static final String MODEL_PACKAGE = CLIENT + ".model";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(UserAgent.VERSION_RESOURCE.substring(1));
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				jsonTypes(classLoader).toArray(Class<?>[]::new));
	}

	/**
	 * The client's JSON value types on a class path.
	 * @param classLoader where to look
	 * @return the types, ordered by name
	 */
	static Set<Class<?>> jsonTypes(@Nullable ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory(resolver);
		Set<Class<?>> found = new TreeSet<>(Comparator.comparing(Class::getName));
		Stream.concat(Stream.of(MODEL_PACKAGE), JSON_PACKAGES.stream())
			.flatMap((pkg) -> classNames(resolver, readers, pkg).stream())
			.map((name) -> ClassUtils.resolveClassName(name, resolver.getClassLoader()))
			.filter(BytezClientRuntimeHints::isJsonType)
			.forEach(found::add);
		Deque<Class<?>> sealed = new ArrayDeque<>(found);
		while (!sealed.isEmpty()) {
			Class<?>[] permitted = sealed.pop().getPermittedSubclasses();
			for (Class<?> subclass : (permitted != null) ? permitted : new Class<?>[0]) {
				if (found.add(subclass)) {
					sealed.push(subclass);
				}
			}
		}
		return found;
	}

	private static Set<String> classNames(PathMatchingResourcePatternResolver resolver,
			SimpleMetadataReaderFactory readers, String pkg) {
		String pattern = "classpath*:" + pkg.replace('.', '/') + "/*.class";
		Set<String> names = new LinkedHashSet<>();
		try {
			for (Resource resource : resolver.getResources(pattern)) {
				MetadataReader reader = readers.getMetadataReader(resource);
				String name = reader.getClassMetadata().getClassName();
				if (ClassUtils.getPackageName(name).equals(pkg) && !reader.getClassMetadata().isAnnotation()) {
					names.add(name);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not scan " + pattern, ex);
		}
		return names;
	}

	private static boolean isJsonType(Class<?> type) {
		if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
			return false;
		}
		return (type.isRecord() && JSON_PACKAGES.contains(type.getPackageName())) || hasJacksonAnnotation(type);
	}

	private static boolean hasJacksonAnnotation(Class<?> type) {
		Stream<AnnotatedElement> elements = Stream
			.of(Stream.<AnnotatedElement>of(type), Stream.of(type.getDeclaredFields()),
					Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()),
					Stream.of((type.isRecord()) ? type.getRecordComponents() : new RecordComponent[0]))
			.flatMap((stream) -> stream);
		return elements.flatMap((element) -> Stream.of(element.getDeclaredAnnotations()))
			.map(Annotation::annotationType)
			.anyMatch((annotation) -> annotation.isAnnotationPresent(JacksonAnnotation.class));
	}

}
