package io.github.bytezspring.client;

import io.github.bytezspring.client.model.BytezInput;
import io.github.bytezspring.client.model.BytezOptions;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.bytezspring.testsupport.BytezWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A key with a control character could split its header; it is rejected before any
 * connection, with a message that names the setting and never shows the key.
 */
class BytezKeyInputTests {

	@RegisterExtension
	static WireMockExtension bytez = BytezWireMock.server();

	@ParameterizedTest
	@ValueSource(strings = { "bz-secret\r\nX-Injected: 1", "bz-secret\n", "bz\rsecret", "bz\u0000secret", "bz\tsecret",
			"bz\u007fsecret" })
	void anApiKeyWithAControlCharacterIsRejectedByTheBuilder(String key) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey(key).baseUrl(bytez.baseUrl()).build())
			.withMessageContaining("apiKey must not contain control characters")
			.withMessageNotContaining("secret");
		bytez.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-secret\r\nX-Injected: 1", "sk-sec\nret", "sk\u0001secret" })
	void aProviderKeyWithAControlCharacterIsRejectedByTheBuilderAndPerCall(String key) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").providerKey(key).baseUrl(bytez.baseUrl()).build())
			.withMessageContaining("providerKey must not contain control characters")
			.withMessageNotContaining("secret");
		// per call, the options refuse such a key before any template sees it
		assertThatIllegalArgumentException().isThrownBy(() -> BytezOptions.builder().providerKey(key))
			.withMessageContaining("providerKey")
			.withMessageNotContaining("secret");
		bytez.verify(0, anyRequestedFor(anyUrl()));
	}

}
