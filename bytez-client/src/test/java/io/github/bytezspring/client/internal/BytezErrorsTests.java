package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;

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

	@Test
	void aKeyAtTheEndOfWhatAnExcerptReadsIsStillMasked() {
		// whitespace collapses, so a key past the first bytes read would show its first
		// characters
		byte[] body = ("\n".repeat(795) + "abc123-and-more").getBytes(StandardCharsets.UTF_8);

		assertThat(this.errors.excerpt(body)).isEqualTo("'******-and-more'");
		assertThat(this.errors.invalid(BytezOperation.RUN, "o/m", HttpStatusCode.valueOf(502), "that is not JSON", body)
			.getMessage()).doesNotContain("abc");
	}

}
