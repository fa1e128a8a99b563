package com.example.consumer;

import io.github.bytezspring.autoconfigure.BytezConnectionDetails;
import io.github.bytezspring.client.BytezOperations;
import io.github.bytezspring.client.BytezTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "bytez.api-key=consumer-key", "bytez.base-url=http://127.0.0.1:9" })
class ConsumerApplicationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private BytezOperations bytez;

	@Test
	void theStarterAutoConfiguresTheTemplate() {
		assertThat(this.bytez).isInstanceOf(BytezTemplate.class);
		assertThat(this.context.getBean(BytezConnectionDetails.class).getBaseUrl()).isEqualTo("http://127.0.0.1:9");
	}

}
