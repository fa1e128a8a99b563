package io.github.bytezspring.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import io.github.bytezspring.client.retry.BytezRetryPolicy;
import io.github.bytezspring.client.retry.BytezRetrySettings;
import io.github.bytezspring.client.settings.BytezSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BytezSettings}: the descriptions the builder checks its options with,
 * and what a framework maps onto it.
 */
class BytezSettingsTests {

	@RegisterExtension
	final CapturedLogs logs = CapturedLogs.of(BytezTemplate.class).expecting(Level.WARN, "The Bytez base URL .*");

	@Test
	void aFreshBuildersOptionsAreTheDescribedDefaults() {
		BytezTemplateBuilder builder = BytezTemplate.builder();
		Map<BytezSetting<?>, Object> applied = new HashMap<>();
		BytezSettings.applyTo(BytezTemplate.builder(), (setting) -> {
			applied.put(setting, setting.defaultValue());
			return setting.defaultValue();
		});
		assertThat(applied.keySet()).containsExactlyInAnyOrderElementsOf(BytezSettings.mapped());
		assertThat(builder.responseTimeout).isEqualTo(BytezSettings.RESPONSE_TIMEOUT.defaultValue());
		assertThat(builder.streamIdleTimeout).isEqualTo(BytezSettings.STREAM_IDLE_TIMEOUT.defaultValue());
		assertThat(builder.maxInMemorySize).isEqualTo(BytezSettings.MAX_IN_MEMORY_SIZE.defaultValue());
		assertThat(builder.maxPendingRequests).isEqualTo(BytezSettings.MAX_PENDING_REQUESTS.defaultValue());
		assertThat(builder.permitStoreFailureMode).isEqualTo(BytezSettings.PERMIT_STORE_FAILURE_MODE.defaultValue());
		assertThat(BytezRetryPolicy.defaults().maxRetries()).isEqualTo(BytezRetrySettings.MAX_RETRIES.defaultValue());
		assertThat(BytezRetryPolicy.defaults().maxRetryAfter())
			.isEqualTo(BytezRetrySettings.MAX_RETRY_AFTER.defaultValue());
	}

	@Test
	void whatAFrameworkMapsIsSetOnTheBuilderAndWhatItHasNoValueForIsLeft() {
		BytezTemplateBuilder builder = BytezTemplate.builder();
		Map<BytezSetting<?>, Object> values = Map.of(BytezSettings.MAX_PENDING_REQUESTS, 7,
				BytezSettings.STREAM_IDLE_TIMEOUT, Duration.ofSeconds(9), BytezSettings.MAX_INLINE_MEDIA_SIZE,
				DataSize.ofKilobytes(3), BytezSettings.AUTO_SCALE, true);
		BytezSettings.applyTo(builder, values::get);
		assertThat(builder.maxPendingRequests).isEqualTo(7);
		assertThat(builder.streamIdleTimeout).isEqualTo(Duration.ofSeconds(9));
		assertThat(builder.maxInlineMediaSize).isEqualTo(DataSize.ofKilobytes(3));
		assertThat(builder.autoScale).isTrue();
		assertThat(builder.responseTimeout).isEqualTo(BytezTemplateBuilder.DEFAULT_RESPONSE_TIMEOUT);
		assertThat(BytezSettings.mapped()).doesNotContain(BytezSettings.API_KEY, BytezSettings.BASE_URL);
	}

	@Test
	void theBuilderRejectsABadOptionWithItsRuleNamingItAsTheUserCallsIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").maxPendingRequests(-2).build())
			.withMessage("maxPendingRequests must not be negative, was -2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder()
				.apiKey("k")
				.settingNames((option) -> "my." + option)
				.maxInMemorySize(DataSize.ofGigabytes(3))
				.build())
			.withMessage("my.maxInMemorySize must be a positive size of at most 2GB, e.g. 16MB, was 3221225472B");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").baseUrl("localhost:8080").build())
			.withMessageStartingWith("baseUrl must be an absolute http or https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BytezTemplate.builder().apiKey("k").responseTimeout(Duration.ZERO).build())
			.withMessage("responseTimeout must be a positive duration, e.g. 10s, was PT0S");
	}

	@Test
	void theCheckedSettingsHoldEveryDescribedOptionByItsDescription() {
		TemplateSettings settings = new TemplateSettings(
				BytezTemplate.builder().apiKey("k").maxPendingRequests(5).streamIdleTimeout(null));
		assertThat(settings.get(BytezSettings.MAX_PENDING_REQUESTS)).isEqualTo(5);
		assertThat(settings.get(BytezSettings.BASE_URL)).isEqualTo(BytezTemplateBuilder.DEFAULT_BASE_URL);
		assertThat(settings.get(BytezSettings.API_KEY)).as("keys stay in their own fields").isNull();
		assertThat(settings.get(BytezSettings.STREAM_IDLE_TIMEOUT)).isNull();
		assertThat(settings.get(BytezSettings.RESPONSE_TIMEOUT))
			.isEqualTo(BytezTemplateBuilder.DEFAULT_RESPONSE_TIMEOUT);
	}

	@Test
	void everyBuilderOptionIsFoundByItsName() {
		assertThat(BytezSettings.all()).filteredOn((setting) -> setting.option() != null)
			.allSatisfy((setting) -> assertThat(BytezSettings.ofOption(setting.option())).containsSame(setting));
		assertThat(BytezSettings.ofOption("maxRetries")).containsSame(BytezRetrySettings.MAX_RETRIES);
		assertThat(BytezSettings.ofOption("noSuchOption")).isEmpty();
	}

	@Test
	void plainHttpToAnotherHostIsWarnedAbout() {
		BytezTemplate.builder().apiKey("k").baseUrl("http://bytez.internal.example:8080").build();
		BytezTemplate.builder().apiKey("k").baseUrl("http://127.0.0.1:8080").build();
		BytezTemplate.builder().apiKey("k").baseUrl("https://api.bytez.com").build();

		assertThat(this.logs.messages(Level.WARN)).singleElement()
			.satisfies((line) -> assertThat(line).contains("uses plain http")
				.contains("http://bytez.internal.example:8080"));
	}

}
