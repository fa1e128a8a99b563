package io.github.bytezspring.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code bytez.warm-up.models} lists a model, in either of the forms a list
 * property takes.
 */
final class WarmUpModelsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> models = Binder.get(context.getEnvironment())
			.bind("bytez.warm-up.models", Bindable.listOf(String.class))
			.orElse(List.of());
		return models.isEmpty() ? ConditionOutcome.noMatch("bytez.warm-up.models lists no model")
				: ConditionOutcome.match("bytez.warm-up.models lists " + models.size() + " model(s)");
	}

}
