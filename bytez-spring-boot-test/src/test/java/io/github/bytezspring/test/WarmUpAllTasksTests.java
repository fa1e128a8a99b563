package io.github.bytezspring.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.bytezspring.autoconfigure.BytezWarmUp;
import io.github.bytezspring.client.model.BytezTask;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bytez.warm-up.models} with the example model of every task: the strict stub
 * accepts each warm-up call's input as its task's shape (a wrong field would be a 400 and
 * a failed warm-up), except video classification, for which no small input exists.
 */
@SpringBootTest(classes = WarmUpAllTasksTests.WarmUpApplication.class)
@AutoConfigureBytezStub
class WarmUpAllTasksTests {

	@Autowired
	BytezWarmUp warmUp;

	@Autowired
	BytezStubServer stub;

	@DynamicPropertySource
	static void everyTasksExampleModel(DynamicPropertyRegistry registry) {
		registry.add("bytez.warm-up.models",
				() -> Arrays.stream(BytezTask.values()).map(BytezTask::exampleModel).collect(Collectors.joining(",")));
	}

	@Test
	void everyTasksWarmUpCallIsAcceptedByTheStrictStub() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Arrays.stream(BytezTask.values())
				.map((task) -> this.warmUp.state(task.exampleModel()))
				.noneMatch((state) -> state == BytezWarmUp.State.PENDING || state == BytezWarmUp.State.WARMING));
		Map<String, BytezWarmUp.State> states = new LinkedHashMap<>();
		for (BytezTask task : BytezTask.values()) {
			states.put(task.wireName(), this.warmUp.state(task.exampleModel()));
		}
		Map<String, BytezWarmUp.State> expected = new LinkedHashMap<>();
		states.keySet()
			.forEach((task) -> expected.put(task,
					task.equals("video-classification") ? BytezWarmUp.State.FAILED : BytezWarmUp.State.WARM));
		assertThat(states).as(() -> "warm-up details: " + this.warmUp.describe()).isEqualTo(expected);
		assertThat(this.stub.requests(BytezTask.VIDEO_CLASSIFICATION.exampleModel()))
			.as("no request for a task without a small input")
			.isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WarmUpApplication {

	}

}
