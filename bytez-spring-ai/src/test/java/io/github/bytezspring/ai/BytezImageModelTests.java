package io.github.bytezspring.ai;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.image.Image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BytezImageModelTests {

	@Test
	void aUrlOutputIsTheImageUrl() {
		Image image = BytezImageModel.image("https://cdn.bytez.com/a.png");
		assertThat(image.getUrl()).isEqualTo("https://cdn.bytez.com/a.png");
		assertThat(image.getB64Json()).isNull();
	}

	@Test
	void aDataUrlOutputIsTheImageData() {
		Image image = BytezImageModel.image("data:image/png;base64,iVBORw0K");
		assertThat(image.getUrl()).isNull();
		assertThat(image.getB64Json()).isEqualTo("iVBORw0K");
	}

	@Test
	void promptOptionsOverrideTheDefaults() {
		BytezImageOptions defaults = new BytezImageOptions("a/painter", null, 512, 512, null, Map.of("steps", 20));
		BytezImageOptions merged = defaults
			.mergedWith(new BytezImageOptions(null, 2, null, 768, null, Map.of("guidance_scale", 7)));
		assertThat(merged)
			.isEqualTo(new BytezImageOptions("a/painter", 2, 512, 768, null, Map.of("steps", 20, "guidance_scale", 7)));
	}

	@Test
	void badOptionsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BytezImageOptions("m", 0, null, null, null, Map.of()))
			.withMessageContaining("n");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BytezImageOptions("m", null, null, null, "png", Map.of()))
			.withMessageContaining("responseFormat");
	}

}
