package io.github.bytezspring.client.internal;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BytezErrorsTests {

	private final BytezErrors errors = new BytezErrors(JsonMapper.builder().build(), Clock.systemUTC(), "Key abc123",
			"abc123", null, "");

	@Test
	void aCallsSecretsAreMaskedBesideTheConfiguredOnes() {
		BytezErrors call = this.errors.withSecrets("sk-call", null, " ");

		assertThat(call.scrub("Key abc123 / abc123 / sk-call")).isEqualTo("****** / ****** / ******");
		assertThat(this.errors.scrub("sk-call")).as("the client's own mapping is unchanged").isEqualTo("sk-call");
	}

	@Test
	void nothingNewToMaskKeepsTheSameMapping() {
		assertThat(this.errors.withSecrets()).isSameAs(this.errors);
		assertThat(this.errors.withSecrets((String) null)).isSameAs(this.errors);
		assertThat(this.errors.withSecrets("abc123")).isSameAs(this.errors);
	}

}
