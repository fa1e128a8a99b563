package io.github.bytezspring.client.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BytezClusterValueTypesTests {

	@Test
	void updatesCombineAndCheckTheirValues() {
		BytezClusterUpdate update = BytezClusterUpdate.timeoutMinutes(30)
			.withCapacity(BytezClusterCapacity.of(0, 1, 2));
		assertThat(update).isEqualTo(new BytezClusterUpdate(new BytezClusterCapacity(0, 1, 2), 30, null));
		assertThat(BytezClusterUpdate.on().status()).isEqualTo("on");
		assertThat(BytezClusterUpdate.checkTimeoutMinutes(BytezClusterUpdate.MAX_TIMEOUT_MINUTES)).isEqualTo(1440);
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterUpdate.timeoutMinutes(0))
			.withMessage("timeout must be 1 to 1440 minutes, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterUpdate.timeoutMinutes(1441))
			.withMessage("timeout must be 1 to 1440 minutes, not 1441");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterUpdate.capacity(null))
			.withMessage("capacity must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> BytezClusterCapacity.of(2, 1, 3))
			.withMessageContaining("0 <= min <= desired <= max");
	}

}
