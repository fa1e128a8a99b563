package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezModelInfo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ModelPricesTests {

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicLong now = new AtomicLong();

	private final ModelPrices prices = new ModelPrices((modelId) -> {
		this.fetches.incrementAndGet();
		return modelId.startsWith("unknown") ? Mono.empty()
				: Mono.just(new BytezModelInfo(modelId, "chat", 7.0, 16.0, "sm", "0.000072 / sec"));
	}, this.now::get);

	@Test
	void theMeterPriceIsReadPerSecond() {
		assertThat(ModelPrices.parse("0.0006478333 / sec")).isEqualTo(0.0006478333);
		assertThat(ModelPrices.parse("$0.36 / hr")).isCloseTo(0.0001, org.assertj.core.api.Assertions.within(1e-15));
		assertThat(ModelPrices.parse("0.5")).isEqualTo(0.5);
		assertThat(ModelPrices.parse("free")).isNull();
		assertThat(ModelPrices.parse("1 / token")).isNull();
		assertThat(ModelPrices.parse("-1 / sec")).isNull();
		assertThat(ModelPrices.parse(null)).isNull();
		assertThat(ModelPrices.parse("1".repeat(100))).isNull();
	}

	@Test
	void eachModelIsFetchedOnceUntilItsEntryExpires() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.prices.perSecond("org/model").block()).isEqualTo(0.000072);
		}
		assertThat(this.prices.perSecond("unknown/model").blockOptional()).isEmpty();
		assertThat(this.prices.perSecond("unknown/model").blockOptional()).isEmpty();
		assertThat(this.fetches).hasValue(2);

		this.now.addAndGet(ModelPrices.EXPIRY.plus(Duration.ofSeconds(1)).toNanos());
		this.prices.perSecond("org/model").block();
		assertThat(this.fetches).hasValue(3);
	}

	@Test
	void theCacheIsBounded() {
		for (int i = 0; i < ModelPrices.MAX_MODELS + 50; i++) {
			this.prices.perSecond("org/model-" + i);
		}
		assertThat(this.prices.size()).isLessThanOrEqualTo(ModelPrices.MAX_MODELS);
		assertThat(this.fetches).as("nothing is fetched before the price is asked for").hasValue(0);
	}

}
