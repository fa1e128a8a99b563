package io.github.bytezspring.client.internal;

import io.github.bytezspring.client.model.BytezOperation;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConcurrencyLimiterCapacityTests {

	private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 10, SettingNames.builderOptions());

	private final List<String> order = new ArrayList<>();

	private final List<ConcurrencyLimiter.Permit> granted = new ArrayList<>();

	private Disposable waitFor(String name) {
		return this.limiter.acquire(BytezOperation.RUN, "o/m").subscribe((permit) -> {
			this.order.add(name);
			this.granted.add(permit);
		});
	}

	@Test
	void growingGrantsTheWaitersInOrder() {
		waitFor("a");
		waitFor("b");
		waitFor("c");
		waitFor("d");
		assertThat(this.order).containsExactly("a");

		this.limiter.setCapacity(3);

		assertThat(this.order).containsExactly("a", "b", "c");
		assertThat(this.limiter.inFlight()).isEqualTo(3);
		assertThat(this.limiter.waiting()).isEqualTo(1);
		assertThat(this.limiter.capacity()).isEqualTo(3);
	}

	@Test
	void shrinkingLetsPermitsInUseFinishAndGrantsNoneUntilBelowTheNewCapacity() {
		this.limiter.setCapacity(3);
		waitFor("a");
		waitFor("b");
		waitFor("c");
		waitFor("d");
		waitFor("e");
		assertThat(this.limiter.inFlight()).isEqualTo(3);

		this.limiter.setCapacity(1);
		this.granted.get(0).releaseNow();
		assertThat(this.order).as("two still in flight, above the new capacity").containsExactly("a", "b", "c");
		this.granted.get(1).releaseNow();
		assertThat(this.order).containsExactly("a", "b", "c");
		assertThat(this.limiter.inFlight()).isEqualTo(1);
		this.granted.get(2).releaseNow();
		assertThat(this.order).as("no waiting call is dropped").containsExactly("a", "b", "c", "d");
		this.granted.get(3).releaseNow();
		assertThat(this.order).containsExactly("a", "b", "c", "d", "e");
		this.granted.get(4).releaseNow();
		assertThat(this.limiter.inFlight()).isZero();
		assertThat(this.limiter.waiting()).isZero();
	}

	@Test
	void aCancelledWaiterIsSkippedWhenTheCapacityGrows() {
		waitFor("a");
		Disposable b = waitFor("b");
		waitFor("c");
		b.dispose();

		this.limiter.setCapacity(2);

		assertThat(this.order).containsExactly("a", "c");
		assertThat(this.limiter.inFlight()).isEqualTo(2);
		assertThat(this.limiter.waiting()).isZero();
	}

	@Test
	void theCapacityIsAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.limiter.setCapacity(0))
			.withMessageContaining("capacity");
	}

}
