package io.github.bytezspring.client.concurrency;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a released permit is handed over between stores sharing one budget on a real Redis
 * (each store with its own Redisson client, as if in its own process): in the order the
 * calls asked across stores, a few turns inside the releasing store at most while another
 * store waits, the count of permits exact under churn, and no permit lost to a waiter
 * that gave up as it was granted.
 */
class RedisPermitStoreHandOverTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Test
	void aReleasedPermitGoesToTheCallThatAskedFirstAcrossStoresAndWakesOnlyIt() {
		String name = RedisPermitStoreTests.uniqueName();
		RedisPermitStore first = store(name, 1);
		RedisPermitStore second = store(name, 1);
		RedisPermitStore third = store(name, 1);
		String held = first.tryAcquire(WAIT).toCompletableFuture().join();
		CompletableFuture<String> secondAsked = second.tryAcquire(WAIT).toCompletableFuture();
		awaitQueued(first, 1);
		CompletableFuture<String> thirdAsked = third.tryAcquire(WAIT).toCompletableFuture();
		awaitQueued(first, 2);

		first.release(held).toCompletableFuture().join();

		String secondHeld = await().atMost(WAIT).until(() -> secondAsked.getNow(null), (id) -> id != null);
		assertThat(thirdAsked).isNotDone();
		assertThat(first.status().toCompletableFuture().join())
			.extracting(PermitStoreStatus::available, PermitStoreStatus::queued)
			.containsExactly(0, 1);

		second.release(secondHeld).toCompletableFuture().join();

		String thirdHeld = await().atMost(WAIT).until(() -> thirdAsked.getNow(null), (id) -> id != null);
		third.release(thirdHeld).toCompletableFuture().join();
		awaitWhole(first, 1);
	}

	@Test
	void whileAnotherStoreWaitsAPermitServesTheReleasingStoresOwnCallsAFewTurnsThenTheFleetsOldest() {
		String name = RedisPermitStoreTests.uniqueName();
		RedisPermitStore first = store(name, 1);
		RedisPermitStore second = store(name, 1);
		String permit = first.tryAcquire(WAIT).toCompletableFuture().join();
		CompletableFuture<String> other = second.tryAcquire(WAIT).toCompletableFuture();
		awaitQueued(first, 1);
		List<CompletableFuture<String>> own = new ArrayList<>();
		for (int i = 0; i < RedisPermitStore.LOCAL_TURNS + 2; i++) {
			own.add(first.tryAcquire(WAIT).toCompletableFuture());
		}
		awaitQueued(first, RedisPermitStore.LOCAL_TURNS + 3);
		// the store learns that another store waits from Redis's latest answer, and the
		// permit's lease is
		// fresh (a permit is passed on without Redis only with two thirds of its lease
		// left)
		first.status().toCompletableFuture().join();
		assertThat(first.renew(permit).toCompletableFuture().join()).isTrue();

		for (int turn = 0; turn < RedisPermitStore.LOCAL_TURNS; turn++) {
			first.release(permit).toCompletableFuture().join();
			// handed over at once, in this store's order, the same permit and lease
			assertThat(own.get(turn)).isCompletedWithValue(permit);
			assertThat(own.get(turn + 1)).isNotDone();
			assertThat(other).isNotDone();
		}
		first.release(permit).toCompletableFuture().join();

		String otherHeld = await().atMost(WAIT).until(() -> other.getNow(null), (id) -> id != null);
		assertThat(otherHeld).isNotEqualTo(permit);
		assertThat(own.get(RedisPermitStore.LOCAL_TURNS)).isNotDone();
		assertThat(own.get(RedisPermitStore.LOCAL_TURNS + 1)).isNotDone();

		second.release(otherHeld).toCompletableFuture().join();
		String next = await().atMost(WAIT)
			.until(() -> own.get(RedisPermitStore.LOCAL_TURNS).getNow(null), (id) -> id != null);
		own.get(RedisPermitStore.LOCAL_TURNS + 1).cancel(false);
		first.release(next).toCompletableFuture().join();
		awaitWhole(first, 1);
	}

	@Test
	void underChurnOfGrantsTimeoutsAndCancellationsNoPermitIsHeldTwiceAndTheCountStaysExact() {
		String name = RedisPermitStoreTests.uniqueName();
		List<RedisPermitStore> stores = List.of(store(name, 3), store(name, 3), store(name, 3));
		Set<String> held = ConcurrentHashMap.newKeySet();
		AtomicInteger maxHeld = new AtomicInteger();
		AtomicInteger heldTwice = new AtomicInteger();
		AtomicInteger grants = new AtomicInteger();

		Flux.range(0, 240).flatMap((i) -> {
			RedisPermitStore store = stores.get(i % 3);
			// some give up after a few milliseconds (cancelled), some ask with a short
			// wait (timed out)
			Duration maxWait = (i % 7 == 0) ? Duration.ofMillis(i % 4) : WAIT;
			Mono<String> asked = Mono.defer(() -> {
				CompletableFuture<String> future = store.tryAcquire(maxWait).toCompletableFuture();
				Mono<String> permit = Mono.fromFuture(future, true);
				if (i % 5 != 0) {
					return permit;
				}
				// the caller gives up: the store's wait is cancelled, and a permit
				// granted
				// just before is given back, so that only the store could lose one
				return permit.timeout(Duration.ofMillis(1 + i % 11), Mono.fromRunnable(() -> {
					if (!future.cancel(false)) {
						String granted = future.getNow(null);
						if (granted != null) {
							store.release(granted);
						}
					}
				}));
			});
			return asked.flatMap((permit) -> {
				grants.incrementAndGet();
				if (!held.add(permit)) {
					heldTwice.incrementAndGet();
				}
				maxHeld.accumulateAndGet(held.size(), Math::max);
				return Mono.delay(Duration.ofMillis(1 + i % 3)).then(Mono.defer(() -> {
					held.remove(permit);
					return Mono.fromCompletionStage(store.release(permit));
				}));
			});
		}, 24).blockLast(Duration.ofSeconds(60));

		assertThat(heldTwice).hasValue(0);
		assertThat(maxHeld).hasValue(3);
		assertThat(grants.get()).isGreaterThan(120);
		awaitWhole(stores.get(0), 3);
	}

	@Test
	void aWaiterThatGivesUpAsItIsGrantedLosesNoPermit() {
		String name = RedisPermitStoreTests.uniqueName();
		RedisPermitStore first = store(name, 1);
		RedisPermitStore second = store(name, 1);
		for (int i = 0; i < 20; i++) {
			String permit = first.tryAcquire(WAIT).toCompletableFuture().join();
			// cancelled, or timed out, in a race with the grant: its own store or the
			// other one's
			RedisPermitStore waiting = (i % 2 == 0) ? second : first;
			CompletableFuture<String> asked = waiting.tryAcquire((i % 4 < 2) ? WAIT : Duration.ofMillis(i % 3))
				.toCompletableFuture();
			if (i % 4 < 2) {
				asked.cancel(false);
			}
			first.release(permit).toCompletableFuture().join();
			String late = asked.handle((id, ex) -> id).join();
			if (late != null) {
				// a grant that won the race is the caller's, who gives it back
				waiting.release(late).toCompletableFuture().join();
			}
			awaitWhole(first, 1);
		}
		assertThat(second.tryAcquire(WAIT).toCompletableFuture().join()).isNotNull();
	}

	@Test
	void aPermitRedisGrantsToACallTheInstanceServedMeanwhileGoesToTheInstancesNextWaitingCall() throws Exception {
		String name = RedisPermitStoreTests.uniqueName();
		RedisPermitStore first = store(name, 2);
		RedisPermitStore second = store(name, 2);
		String own = first.tryAcquire(WAIT).toCompletableFuture().join();
		String others = second.tryAcquire(WAIT).toCompletableFuture().join();
		CompletableFuture<String> oldest = first.tryAcquire(WAIT).toCompletableFuture();
		awaitQueued(first, 1);
		CompletableFuture<String> next = first.tryAcquire(WAIT).toCompletableFuture();
		awaitQueued(first, 2);
		RedissonClient raw = redis.newClient();
		String tag = "{" + name + "}";
		List<Object> keys = List.of(tag + ":permits", tag + ":leases", tag + ":queue", tag + ":waiters",
				tag + ":recovering");
		List<String> tickets = raw.<String>getList(tag + ":queue", StringCodec.INSTANCE).readAll();
		assertThat(tickets).hasSize(2);

		// the race, made deterministic: Redis grants the oldest call's ticket (the other
		// instance's release), and the grant's message is still on its way (here: sent to
		// a channel nobody hears) when this instance hands that call its own released
		// permit
		String script;
		try (InputStream in = RedisPermitStore.class.getResourceAsStream("permits.lua")) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(first.renew(own).toCompletableFuture().join()).isTrue();
		raw.getScript(StringCodec.INSTANCE)
			.<List<Object>>eval(tag + ":permits", RScript.Mode.READ_WRITE, script, RScript.ReturnType.MULTI, keys,
					"release", others, tag + ":unheard", "2", "2000", "5000", "1000", "");
		first.release(own).toCompletableFuture().join();

		// the grant to the served call's ticket stays in this instance (under a name of
		// its own): its next call runs on it, without a round trip through the fleet's
		// queue, whose next grant would be the next call's own ticket (should the oldest
		// call's once-a-second re-ask have fetched the grant first, it runs on it and the
		// next call on the released permit)
		String oldestHeld = await().atMost(WAIT).until(() -> oldest.getNow(null), (id) -> id != null);
		String nextHeld = await().atMost(WAIT).until(() -> next.getNow(null), (id) -> id != null);
		assertThat(List.of(oldestHeld, nextHeld)).contains(own)
			.doesNotContain(tickets.get(1))
			.anySatisfy((id) -> assertThat(id).startsWith(tickets.get(0)));
		assertThat(first.status().toCompletableFuture().join())
			.extracting(PermitStoreStatus::available, PermitStoreStatus::queued)
			.containsExactly(0, 0);

		first.release(oldestHeld).toCompletableFuture().join();
		first.release(nextHeld).toCompletableFuture().join();
		awaitWhole(first, 2);
	}

	private static RedisPermitStore store(String name, int permits) {
		return RedisPermitStoreTests.store(redis.newClient(), name, permits);
	}

	private static void awaitQueued(RedisPermitStore store, int queued) {
		await().atMost(WAIT).until(() -> store.status().toCompletableFuture().join().queued() == queued);
	}

	/**
	 * Every permit free again and no call waiting, across the fleet.
	 */
	private static void awaitWhole(RedisPermitStore store, int permits) {
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(store.status().toCompletableFuture().join())
				.extracting(PermitStoreStatus::available, PermitStoreStatus::queued)
				.containsExactly(permits, 0));
	}

}
