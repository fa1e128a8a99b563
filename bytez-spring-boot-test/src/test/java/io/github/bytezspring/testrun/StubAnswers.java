package io.github.bytezspring.testrun;

import java.time.Duration;

import io.github.bytezspring.test.BytezStubServer;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The testing page's {@code StubAnswers} ({@code docs/testing.md}, "Running your
 * application against the stub"), in a package of its own so that no other test
 * application's component scan finds it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubAnswers {

	/** What the runner makes the stub answer the chat model. */
	public static final String ANSWER = " London.\nThe capital since 1066 — and still ☔";

	@Bean
	ApplicationRunner shapeTheStubsAnswers(BytezStubServer stub) {
		return (args) -> {
			stub.answerText("Qwen/Qwen3-4B", " London.\nThe capital since 1066 — and still ☔");
			stub.script("Qwen/Qwen3-4B").nextCall().rateLimited(Duration.ofMillis(500)); // the
																							// first
																							// call
		};
	}

}
