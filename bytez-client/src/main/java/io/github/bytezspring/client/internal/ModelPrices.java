package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezModelInfo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;

/**
 * The price per second of inference of each model, from the {@code meterPrice} of the
 * model list: fetched once per model (concurrent callers share the fetch) and kept for a
 * while in a bounded cache.
 */
final class ModelPrices {

	/** The most models whose price is kept. */
	static final int MAX_MODELS = 1024;

	/** How long a price is kept before it is fetched again. */
	static final Duration EXPIRY = Duration.ofHours(1);

	private final Function<String, Mono<BytezModelInfo>> catalogue;

	private final LongSupplier nanoTime;

	private final Map<String, Entry> prices = new ConcurrentHashMap<>();

	ModelPrices(Function<String, Mono<BytezModelInfo>> catalogue, LongSupplier nanoTime) {
		this.catalogue = catalogue;
		this.nanoTime = nanoTime;
	}

	/**
	 * The model's price in US dollars per second of inference.
	 * @param modelId the model
	 * @return the price, empty when the catalogue does not know it or cannot be read
	 */
	Mono<Double> perSecond(String modelId) {
		long now = this.nanoTime.getAsLong();
		Entry entry = this.prices.get(modelId);
		if (entry != null && !entry.expired(now)) {
			return entry.price();
		}
		makeRoom(now);
		return this.prices.compute(modelId, (id, old) -> (old != null && !old.expired(now)) ? old : fetch(id, now))
			.price();
	}

	private Entry fetch(String modelId, long now) {
		Mono<Double> price = Mono.defer(() -> this.catalogue.apply(modelId))
			.mapNotNull((model) -> parse(model.meterPrice()))
			.onErrorResume((ex) -> Mono.empty())
			.cache();
		return new Entry(price, now);
	}

	int size() {
		return this.prices.size();
	}

	private void makeRoom(long now) {
		if (this.prices.size() < MAX_MODELS) {
			return;
		}
		this.prices.values().removeIf((entry) -> entry.expired(now));
		Iterator<String> models = this.prices.keySet().iterator();
		while (this.prices.size() >= MAX_MODELS && models.hasNext()) {
			models.next();
			models.remove();
		}
	}

	/**
	 * A {@code meterPrice} such as {@code 0.0006478333 / sec} as US dollars per second.
	 * @param meterPrice the price as the model list states it
	 * @return the price per second, or {@code null} when it cannot be read
	 */
	static @Nullable Double parse(@Nullable String meterPrice) {
		if (meterPrice == null || meterPrice.length() > 64) {
			return null;
		}
		String[] parts = meterPrice.trim().replace("$", "").split("\\s*/\\s*");
		if (parts.length == 0 || parts.length > 2) {
			return null;
		}
		try {
			double amount = new BigDecimal(parts[0].trim()).doubleValue();
			if (amount < 0 || !Double.isFinite(amount)) {
				return null;
			}
			String unit = (parts.length == 2) ? parts[1].trim().toLowerCase(Locale.ROOT) : "sec";
			return switch (unit) {
				case "s", "sec", "second" -> amount;
				case "min", "minute" -> amount / 60;
				case "h", "hr", "hour" -> amount / 3600;
				default -> null;
			};
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Entry(Mono<Double> price, long fetchedAt) {

		boolean expired(long now) {
			return now - this.fetchedAt > EXPIRY.toNanos();
		}

	}

}
