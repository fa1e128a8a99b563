package io.github.bytezspring.test;

import java.time.Duration;
import java.util.List;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every task's example model answers the example output of its specification.
 */
class AllTasksTests {

	private static BytezStubServer stub;

	private static BytezTemplate template;

	@BeforeAll
	static void start() {
		stub = BytezStubServer.start();
		template = BytezTemplate.builder().apiKey(BytezStubServer.API_KEY).baseUrl(stub.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		stub.close();
	}

	static List<TaskSpec> tasks() {
		return TaskSpec.loadAll(JsonMapper.builder().build());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tasks")
	void exampleModelAnswersTheExampleOutput(TaskSpec task) {
		StepVerifier.create(template.run(task.modelId(), BytezInput.text("example"))).assertNext((response) -> {
			JsonNode output = response.output();
			assertThat(output).isEqualTo(task.exampleOutput());
			assertThat(output.isNull()).isFalse();
		}).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(stub.lastRequest(task.modelId()).path()).isEqualTo("/models/v2/" + task.modelId());
	}

}
