package io.github.bytezspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a setting that the Bytez client's builder rejected while the auto-configured
 * template was built, with the {@code bytez.*} property in place of the builder option
 * that the client's message names (the client knows nothing of Spring Boot).
 */
class BytezClientSettingsFailureAnalyzer extends AbstractFailureAnalyzer<IllegalArgumentException> {

	/** The template's bean name, as {@link BytezAutoConfiguration} declares it. */
	static final String TEMPLATE_BEAN_NAME = "bytezTemplate";

	private static final Map<String, String> PROPERTIES = properties();

	private static final Pattern OPTION = Pattern.compile("\\b(" + String.join("|", PROPERTIES.keySet()) + ")\\b");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
		if (!whileBuildingTheTemplate(rootFailure) || findCause(rootFailure, BindException.class) != null) {
			// a property that could not be bound is BytezPropertiesFailureAnalyzer's to
			// report
			return null;
		}
		String description = "The Bytez client could not be built from its configuration: "
				+ withPropertyNames(String.valueOf(cause.getMessage()));
		String action = "Correct the bytez.* property named above, or set 'bytez.enabled=false' if this "
				+ "application should not call Bytez.";
		return new FailureAnalysis(description, action, cause);
	}

	static String withPropertyNames(String message) {
		Matcher matcher = OPTION.matcher(message);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement("'" + PROPERTIES.get(matcher.group(1)) + "'"));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static boolean whileBuildingTheTemplate(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation
					&& TEMPLATE_BEAN_NAME.equals(creation.getBeanName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The builder options whose names a client message may carry, with their properties,
	 * from the settings' descriptions; and the model id of an endpoint, which a map key
	 * names.
	 */
	private static Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		BytezBootSettings.all()
			.stream()
			.filter((setting) -> setting.option() != null)
			.forEach((setting) -> properties.put(setting.option(), setting.propertyName()));
		properties.put("modelId", "bytez.endpoints.<alias>.model-id");
		return properties;
	}

}
