package io.github.bytezspring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Logs one WARN at startup naming every {@code bytez.*} property that no setting binds (a
 * misspelt {@code bytez.timeout} would otherwise be ignored without a word), each with
 * the closest valid name. Runs as soon as the environment is prepared, so the warning
 * comes before any failure that the typo causes (a misspelt {@code bytez.api-key} leaves
 * the key unset).
 */
class UnknownBytezPropertiesWarning implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Log logger = LogFactory.getLog(UnknownBytezPropertiesWarning.class);

	private static final String PREFIX = "bytez";

	private static final String ANY = "*";

	private static final String NESTED_TYPES = BytezProperties.class.getName() + "$";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String warning = warning(event.getEnvironment());
		if (warning != null && logger.isWarnEnabled()) {
			logger.warn(warning);
		}
	}

	static @Nullable String warning(ConfigurableEnvironment environment) {
		List<String> unknown = unknownNames(Binder.get(environment));
		if (unknown.isEmpty()) {
			return null;
		}
		List<String> valid = validNames(PREFIX, BytezProperties.class);
		return "Ignoring unknown Bytez " + ((unknown.size() == 1) ? "property " : "properties ")
				+ unknown.stream()
					.map((name) -> name + " (did you mean " + closest(name, valid) + "?)")
					.collect(Collectors.joining(", "));
	}

	/**
	 * The {@code bytez.*} names that binding a {@link BytezProperties} leaves unbound,
	 * found by Boot's own {@link NoUnboundElementsBindHandler}; environment variables are
	 * left out, where a {@code BYTEZ_SOMETHING} of another tool is no typo.
	 */
	private static List<String> unknownNames(Binder binder) {
		BindHandler handler = new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
				UnknownBytezPropertiesWarning::isChecked);
		try {
			binder.bind(PREFIX, Bindable.ofInstance(new BytezProperties()), handler);
			return List.of();
		}
		catch (BindException ex) {
			if (!(ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
				return List.of(); // a value that cannot be bound:
									// BytezPropertiesFailureAnalyzer reports it
			}
			return unbound.getUnboundProperties()
				.stream()
				.map(ConfigurationProperty::getName)
				.map(Object::toString)
				.sorted()
				.toList();
		}
	}

	private static boolean isChecked(ConfigurationPropertySource source) {
		return !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource);
	}

	/**
	 * Every property name that {@link BytezProperties} declares, nested groups walked,
	 * maps by their own name.
	 */
	static List<String> validNames(String prefix, Class<?> type) {
		List<String> names = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() == null || propertyType == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
			Class<?> mapValues = Map.class.isAssignableFrom(propertyType)
					? ResolvableType.forMethodReturnType(descriptor.getReadMethod()).asMap().resolveGeneric(1) : null;
			if (isNested(propertyType)) {
				names.addAll(validNames(name, propertyType));
			}
			else if (mapValues != null && isNested(mapValues)) {
				names.addAll(validNames(name + "." + ANY, mapValues));
			}
			else if (descriptor.getWriteMethod() != null || mapValues != null) {
				names.add(name);
			}
		}
		return names;
	}

	private static boolean isNested(Class<?> type) {
		return type.getName().startsWith(NESTED_TYPES) && !type.isEnum();
	}

	static String closest(String name, List<String> candidates) {
		return candidates.stream()
			.map((candidate) -> withKeysOf(name, candidate))
			.min(Comparator.comparing((String candidate) -> !shareAWord(name, candidate))
				.thenComparingInt((candidate) -> distance(name, candidate)))
			.orElse(PREFIX);
	}

	/**
	 * Whether the last elements of two names have a word in common: {@code bytez.timeout}
	 * is closer to {@code bytez.connect-timeout} than to {@code bytez.base-url}, though
	 * as many edits away.
	 */
	private static boolean shareAWord(String name, String candidate) {
		Set<String> words = words(name);
		return words(candidate).stream().anyMatch(words::contains);
	}

	private static Set<String> words(String name) {
		return Arrays.stream(name.substring(name.lastIndexOf('.') + 1).split("-")).collect(Collectors.toSet());
	}

	/**
	 * The candidate with each map key ({@code *}) taken from the name, e.g.
	 * {@code bytez.endpoints.mine.model-id} for {@code bytez.endpoints.mine.modelid}.
	 */
	private static String withKeysOf(String name, String candidate) {
		String[] names = name.split("\\.");
		String[] elements = candidate.split("\\.");
		for (int i = 0; i < elements.length; i++) {
			if (ANY.equals(elements[i]) && i < names.length) {
				elements[i] = names[i];
			}
		}
		return String.join(".", elements);
	}

	/**
	 * The Levenshtein distance: neither Spring nor the JDK offers one.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
