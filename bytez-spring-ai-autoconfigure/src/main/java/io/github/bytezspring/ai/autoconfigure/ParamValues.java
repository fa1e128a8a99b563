package io.github.bytezspring.ai.autoconfigure;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free-form {@code params} from properties, where every value is text:
 * {@code true}/{@code false} become booleans and numbers numbers, so that the model
 * receives JSON of the right type.
 */
final class ParamValues {

	private ParamValues() {
	}

	static Map<String, Object> typed(Map<String, String> params) {
		Map<String, Object> typed = new LinkedHashMap<>();
		params.forEach((name, value) -> typed.put(name, typed(value)));
		return typed;
	}

	static Object typed(String value) {
		if ("true".equals(value) || "false".equals(value)) {
			return Boolean.valueOf(value);
		}
		try {
			BigDecimal number = new BigDecimal(value);
			if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
				return number.longValueExact();
			}
			return number.doubleValue();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return value;
		}
	}

}
