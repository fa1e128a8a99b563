package io.github.bytezspring.autoconfigure;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports a {@code bytez.*} or {@code spring.ai.bytez.*} property that could not be bound
 * or was rejected, in the layout of Boot's own bind reports ({@code Property},
 * {@code Value}, {@code Origin}, {@code Reason}) but with the value exactly as typed
 * (Boot's validation report shows the converted value, e.g. {@code PT-5S} for
 * {@code -5s}) and, for a value that could not be converted, what the property accepts
 * (the values of an enum, the form of a duration or a size) rather than the converter's
 * exception. Ordered before Boot's analyzers, which would otherwise report these first.
 */
class BytezPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final Set<String> PREFIXES = Set.of("bytez", "spring.ai.bytez");

	private static final String NOT_SHOWN = "(not shown)";

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		BindValidationException validation = findCause(cause, BindValidationException.class);
		if (validation != null) {
			return isBytez(validation.getValidationErrors().getName()) ? rejected(cause, validation) : null;
		}
		ConfigurationProperty property = cause.getProperty();
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		if (property == null || conversion == null || !isBytez(property.getName())) {
			return null;
		}
		return notConverted(cause, property, conversion.getTargetType().getType());
	}

	private FailureAnalysis notConverted(BindException cause, ConfigurationProperty property, Class<?> type) {
		StringBuilder description = new StringBuilder("A Bytez property has a value of the wrong form:\n");
		appendProperty(description, property.getName().toString(), shown(property), property.getOrigin());
		description.append("\n    Reason: ").append(accepted(type));
		String action = "Set " + property.getName() + " to " + example(type) + ", or remove it to use its default.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private FailureAnalysis rejected(BindException cause, BindValidationException validation) {
		ValidationErrors errors = validation.getValidationErrors();
		StringBuilder description = new StringBuilder("The Bytez configuration has values that cannot work:\n");
		for (ObjectError error : errors) {
			if (error instanceof FieldError fieldError) {
				String name = fieldError.getObjectName() + "." + fieldError.getField();
				ConfigurationProperty property = boundProperty(errors, name);
				Object value = (property != null) ? shown(property) : fieldError.getRejectedValue();
				appendProperty(description, name, value, (property != null) ? property.getOrigin() : null);
				description.append("\n    Reason: ").append(error.getDefaultMessage()).append('\n');
			}
			else {
				description.append("\n    ").append(error.getDefaultMessage()).append('\n');
			}
		}
		return new FailureAnalysis(description.toString(),
				"Correct the properties above, or set 'bytez.enabled=false' if this application should not call "
						+ "Bytez.",
				cause);
	}

	/**
	 * The property bound to {@code name}; for an element of a list given as one
	 * comma-separated value ({@code bytez.fallbacks[0].then=a/b,c/d}), the list's
	 * property, so that the value shows as typed.
	 */
	private static @Nullable ConfigurationProperty boundProperty(ValidationErrors errors, String name) {
		ConfigurationPropertyName wanted = ConfigurationPropertyName.adapt(name, '.');
		ConfigurationPropertyName list = (wanted.isLastElementIndexed()) ? wanted.getParent() : null;
		ConfigurationProperty whole = null;
		for (ConfigurationProperty property : errors.getBoundProperties()) {
			if (property.getName().equals(wanted)) {
				return property;
			}
			if (list != null && property.getName().equals(list)) {
				whole = property;
			}
		}
		return whole;
	}

	private static void appendProperty(StringBuilder description, String name, @Nullable Object value,
			@Nullable Object origin) {
		description.append("\n    Property: ").append(name);
		description.append("\n    Value: \"").append(value).append('"');
		if (origin != null) {
			description.append("\n    Origin: ").append(origin);
		}
	}

	/**
	 * The value as it was typed, except a key's, which is never shown.
	 */
	private static @Nullable Object shown(ConfigurationProperty property) {
		String last = property.getName().getLastElement(ConfigurationPropertyName.Form.DASHED);
		return last.endsWith("key") ? NOT_SHOWN : property.getValue();
	}

	private static boolean isBytez(ConfigurationPropertyName name) {
		return PREFIXES.stream()
			.map(ConfigurationPropertyName::of)
			.anyMatch((prefix) -> prefix.equals(name) || prefix.isAncestorOf(name));
	}

	private static String accepted(Class<?> type) {
		if (type.isEnum()) {
			return "must be one of " + String.join(", ", enumValues(type));
		}
		if (type == Duration.class) {
			return "must be a duration: a number with a unit (ms, s, m, h, d) or an ISO-8601 duration";
		}
		if (type == DataSize.class) {
			return "must be a data size: a number with a unit (B, KB, MB, GB)";
		}
		if (type == URI.class || type == URL.class) {
			return "must be a URL";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Integer.class || boxed == Long.class) {
			return "must be a whole number";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "must be a number";
		}
		return "cannot be read as " + type.getSimpleName();
	}

	private static String example(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + String.join(", ", enumValues(type));
		}
		if (type == Duration.class) {
			return "a duration such as 30s, 500ms, 2m or PT30S";
		}
		if (type == DataSize.class) {
			return "a size such as 16MB or 512KB";
		}
		if (type == URI.class || type == URL.class) {
			return "a URL such as https://api.bytez.com";
		}
		return "a value that " + accepted(type).replaceFirst("^must be ", "is ");
	}

	/**
	 * The constants of an enum as they are written in properties (Boot binds them in any
	 * case).
	 */
	private static List<String> enumValues(Class<?> type) {
		return Arrays.stream(type.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.toList());
	}

}
