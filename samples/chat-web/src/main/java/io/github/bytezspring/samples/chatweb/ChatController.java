package io.github.bytezspring.samples.chatweb;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.bytezspring.client.error.BytezApiException;
import io.github.bytezspring.client.error.BytezException;
import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezMessage;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.model.BytezOptions;
import io.github.bytezspring.client.error.BytezRateLimitException;
import io.github.bytezspring.client.model.BytezResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's API: a chat answer relayed as Server-Sent Events while Bytez generates it, a
 * summary, and the labels of an image.
 * <p>
 * Each chat token is sent as one {@code token} event whose data is the token as a JSON
 * string (see {@link TextEvents}), so that tokens with line breaks, leading spaces or any
 * Unicode reach the browser exactly; a {@code done} event ends the answer and a
 * {@code failure} event (data: the message as a JSON string) reports an error after the
 * stream has started.
 */
@RestController
@RequestMapping("/api")
class ChatController {

	static final String CHAT_MODEL = "Qwen/Qwen3-4B";

	static final String SUMMARY_MODEL = "ainize/bart-base-cnn";

	static final String IMAGE_MODEL = "google/vit-base-patch16-224";

	static final int MAX_PROMPT_LENGTH = 4000;

	static final int MAX_TEXT_LENGTH = 20_000;

	private static final int LABELS_SHOWN = 5;

	private static final TypeReference<List<Label>> LABELS = new TypeReference<>() {
	};

	private final BytezOperations bytez;

	private final String backend;

	ChatController(BytezOperations bytez, @Value("${chat-web.backend:Bytez API}") String backend) {
		this.bytez = bytez;
		this.backend = backend;
	}

	@GetMapping("/info")
	Map<String, String> info() {
		return Map.of("backend", this.backend, "chatModel", CHAT_MODEL, "summaryModel", SUMMARY_MODEL, "imageModel",
				IMAGE_MODEL);
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> chat(@RequestParam String prompt) {
		String question = required(prompt, "prompt", MAX_PROMPT_LENGTH);
		Flux<String> tokens = this.bytez.stream(CHAT_MODEL, BytezInput
			.messages(BytezMessage.system("You are a helpful assistant. Answer clearly."), BytezMessage.user(question)),
				BytezOptions.builder().maxNewTokens(512).build());
		return TextEvents.of(tokens, "token")
			.concatWith(Mono.just(TextEvents.event("done", Map.of())))
			.onErrorResume(BytezException.class, (ex) -> Mono.just(TextEvents.event("failure", describe(ex))));
	}

	@PostMapping("/summarize")
	Mono<Summary> summarize(@RequestBody SummarizeRequest request) {
		String text = required((request != null) ? request.text() : null, "text", MAX_TEXT_LENGTH);
		return this.bytez.run(SUMMARY_MODEL, BytezInput.text(text)).map(BytezResponse::outputText).map(Summary::new);
	}

	@PostMapping("/classify")
	Mono<Classification> classify(@RequestBody ClassifyRequest request) {
		String url = imageUrl((request != null) ? request.url() : null);
		return this.bytez.run(IMAGE_MODEL, BytezInput.url(url))
			.map((response) -> Objects.requireNonNull(response.outputAs(LABELS))
				.stream()
				.sorted(Comparator.comparingDouble(Label::score).reversed())
				.limit(LABELS_SHOWN)
				.toList())
			.map(Classification::new);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Problem> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(new Problem(ex.getMessage()));
	}

	@ExceptionHandler(BytezException.class)
	ResponseEntity<Problem> bytezFailed(BytezException ex) {
		HttpStatus status = (ex instanceof BytezRateLimitException) ? HttpStatus.TOO_MANY_REQUESTS
				: HttpStatus.BAD_GATEWAY;
		return ResponseEntity.status(status).body(new Problem(describe(ex)));
	}

	private static String describe(BytezException ex) {
		if (ex instanceof BytezRateLimitException) {
			return "Bytez is busy (rate limit reached); try again in a moment.";
		}
		if (ex instanceof BytezApiException api && api.getErrorMessage() != null) {
			return "Bytez said: " + api.getErrorMessage();
		}
		return "The call to Bytez failed: " + ex.getMessage();
	}

	private static String required(@Nullable String value, String name, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be empty");
		}
		if (value.length() > maxLength) {
			throw new IllegalArgumentException("'" + name + "' must be at most " + maxLength + " characters");
		}
		return value.strip();
	}

	private static String imageUrl(@Nullable String url) {
		String value = required(url, "url", 2000);
		try {
			URI uri = new URI(value);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return value;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new IllegalArgumentException("'url' must be an http or https URL of an image");
	}

	/**
	 * What to summarise.
	 *
	 * @param text the text
	 */
	record SummarizeRequest(String text) {
	}

	/**
	 * A summary.
	 *
	 * @param summary the summary
	 */
	record Summary(String summary) {
	}

	/**
	 * Which image to classify.
	 *
	 * @param url the image's public URL
	 */
	record ClassifyRequest(String url) {
	}

	/**
	 * The most likely labels of an image, most likely first.
	 *
	 * @param labels the labels
	 */
	record Classification(List<Label> labels) {
	}

	/**
	 * One label of an image and the model's confidence in it.
	 *
	 * @param label the class, e.g. {@code beagle}
	 * @param score the confidence, from 0 to 1
	 */
	record Label(String label, double score) {
	}

	/**
	 * Why a request failed.
	 *
	 * @param error the message to show
	 */
	record Problem(@Nullable String error) {
	}

}
