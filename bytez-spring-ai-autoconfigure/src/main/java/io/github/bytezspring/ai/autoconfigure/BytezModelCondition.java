package io.github.bytezspring.ai.autoconfigure;

import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether a Bytez model of one kind is wanted: when Spring AI's selection property
 * ({@code spring.ai.model.chat} and its peers) says {@code bytez}, or when it is absent
 * and the kind's {@code model} option is set; never when it names another provider or
 * {@code none}.
 */
abstract class BytezModelCondition extends SpringBootCondition {

	static final String BYTEZ = "bytez";

	private final String selectionProperty;

	private final String modelProperty;

	BytezModelCondition(String selectionProperty, String modelProperty) {
		this.selectionProperty = selectionProperty;
		this.modelProperty = modelProperty;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String selected = environment.getProperty(this.selectionProperty);
		if (StringUtils.hasText(selected)) {
			return BYTEZ.equalsIgnoreCase(selected.strip())
					? ConditionOutcome.match(this.selectionProperty + " is " + BYTEZ)
					: ConditionOutcome.noMatch(this.selectionProperty + " is '" + selected + "'");
		}
		return StringUtils.hasText(environment.getProperty(this.modelProperty))
				? ConditionOutcome.match(this.modelProperty + " is set")
				: ConditionOutcome.noMatch(this.modelProperty + " is not set");
	}

	static final class Chat extends BytezModelCondition {

		Chat() {
			super(SpringAIModelProperties.CHAT_MODEL, BytezAiAutoConfiguration.CHAT_MODEL);
		}

	}

	static final class Embedding extends BytezModelCondition {

		Embedding() {
			super(SpringAIModelProperties.EMBEDDING_MODEL, BytezAiAutoConfiguration.EMBEDDING_MODEL);
		}

	}

	static final class Image extends BytezModelCondition {

		Image() {
			super(SpringAIModelProperties.IMAGE_MODEL, BytezAiAutoConfiguration.IMAGE_MODEL);
		}

	}

	static final class Transcription extends BytezModelCondition {

		Transcription() {
			super(SpringAIModelProperties.AUDIO_TRANSCRIPTION_MODEL, BytezAiAutoConfiguration.TRANSCRIPTION_MODEL);
		}

	}

	static final class Speech extends BytezModelCondition {

		Speech() {
			super(SpringAIModelProperties.AUDIO_SPEECH_MODEL, BytezAiAutoConfiguration.SPEECH_MODEL);
		}

	}

}
