package io.github.bytezspring.samples.quickstart;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.model.BytezResponse;
import tools.jackson.core.type.TypeReference;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.stereotype.Component;

/**
 * Makes the four calls of the quickstart and prints their results; a failed call is
 * printed and turns the application's exit code to 1.
 */
@Component
@RegisterReflectionForBinding(QuickstartRunner.Label.class) // read by Jackson, also in a
															// native image
class QuickstartRunner implements ApplicationRunner, ExitCodeGenerator {

	static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	/** The first model of {@link #CHAT_MODEL}'s fallback chain in application.yml. */
	static final String CHAT_FALLBACK_MODEL = "Qwen/Qwen2.5-3B-Instruct";

	static final String TEXT_MODEL = "openai-community/gpt2";

	static final String IMAGE_MODEL = "google/vit-base-patch16-224";

	static final String IMAGE_URL = "https://www.padoniavets.com/sites/default/files/field/image/cats-and-dogs.jpg";

	private static final int TASKS_SHOWN = 5;

	private static final int LABELS_SHOWN = 3;

	private static final TypeReference<List<Label>> LABELS = new TypeReference<>() {
	};

	private final BytezOperations bytez;

	private int exitCode;

	QuickstartRunner(BytezOperations bytez) {
		this.bytez = bytez;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			listTasks();
			chat();
			streamText();
			classifyImage();
		}
		catch (BytezException ex) {
			System.out.flush();
			System.err.println();
			System.err.println("Bytez call failed: " + ex.getMessage());
			this.exitCode = 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private void listTasks() {
		List<String> tasks = this.bytez.listTasks().blockOptional().orElseThrow();
		String shown = String.join(", ", tasks.subList(0, Math.min(TASKS_SHOWN, tasks.size())));
		System.out.println("1. Tasks: " + tasks.size() + " available, e.g. " + shown
				+ ((tasks.size() > TASKS_SHOWN) ? ", ..." : ""));
	}

	private void chat() {
		// application.yml gives CHAT_MODEL a fallback chain (bytez.fallbacks): when it
		// cannot answer, the
		// next model of the chain does, and the response says which one
		BytezResponse response = this.bytez
			.run(CHAT_MODEL, BytezInput.messages(BytezMessage.user("Hello bot, what is the capital of England?")))
			.blockOptional()
			.orElseThrow();
		String answeredBy = CHAT_MODEL.equals(response.model()) ? "" : " (answered by " + response.model() + ")";
		System.out.println("2. Chat with " + CHAT_MODEL + answeredBy + ": " + response.outputText());
	}

	private void streamText() {
		System.out.print("3. Streaming " + TEXT_MODEL + ": ");
		System.out.flush();
		this.bytez
			.stream(TEXT_MODEL, BytezInput.text("Once upon a time there was a beautiful home where"),
					BytezOptions.builder().maxNewTokens(40).build())
			.doOnNext((token) -> {
				System.out.print(token);
				System.out.flush();
			})
			.blockLast();
		System.out.println();
	}

	private void classifyImage() {
		List<Label> labels = Objects.requireNonNull(
				this.bytez.run(IMAGE_MODEL, BytezInput.url(IMAGE_URL)).blockOptional().orElseThrow().outputAs(LABELS));
		System.out.println("4. Image classification with " + IMAGE_MODEL + " of " + IMAGE_URL + ":");
		labels.stream()
			.sorted(Comparator.comparingDouble(Label::score).reversed())
			.limit(LABELS_SHOWN)
			.forEach((label) -> System.out
				.println(String.format(Locale.ROOT, "   %-20s %.3f", label.label(), label.score())));
	}

	/**
	 * One label of an image classification and the model's confidence in it.
	 *
	 * @param label the class, e.g. {@code beagle}
	 * @param score the confidence, from 0 to 1
	 */
	record Label(String label, double score) {
	}

}
