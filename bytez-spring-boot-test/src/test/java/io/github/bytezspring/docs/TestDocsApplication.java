package io.github.bytezspring.docs;

import io.github.bytezspring.test.BytezStubTestConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * The documentation's test-run launcher: {@link DocsApplication} against the Bytez stub.
 */
public class TestDocsApplication {

	public static void main(String[] args) {
		SpringApplication.from(DocsApplication::main).with(BytezStubTestConfiguration.class).run(args);
	}

}
