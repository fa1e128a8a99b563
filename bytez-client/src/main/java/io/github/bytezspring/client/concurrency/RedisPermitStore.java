package io.github.bytezspring.client.concurrency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import org.springframework.util.Assert;

import reactor.core.scheduler.Schedulers;

/**
 * A {@link PermitStore} on Redis through Redisson: leased permits shared by every
 * instance that names the same budget, granted in order, each Redis operation bounded by
 * a timeout.
 * <p>
 * Redisson's {@code RPermitExpirableSemaphore} is not used: when Redis restarts without
 * persistence, or a replica without the key is promoted, its permits are gone and every
 * waiter waits for good; and a released permit goes to whichever waiter of whichever
 * instance asks first, after a wake-up of every waiter, which costs about half of a 20 ms
 * call with three instances. So one small Lua script (run with Redisson's
 * {@link RScript}) keeps the budget, its leases and one queue of waiting calls across
 * every instance: a release grants the head of the queue in the same step and publishes
 * it on a channel ({@link RTopic}), so that exactly that call's instance wakes; the
 * budget is set again by the first operation that finds it missing, and for half a lease
 * after that only the calls in flight, whose leases vanished with Redis, take permits (at
 * their next renewal), so that none of them is stopped and the budget is not exceeded;
 * new calls wait meanwhile. A permit released while a call of this instance waits goes
 * straight to the oldest of them, without Redis (a hand-over between processes costs
 * several milliseconds, one inside the instance almost nothing): for good while no other
 * instance waits, else a few times in a row before it goes back to the fleet's queue, so
 * that every instance gets its share. A grant Redis makes to a call that its instance
 * served meanwhile stays in the instance, for its next waiting call.
 */
public final class RedisPermitStore implements PermitStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisPermitStore.class);

	private static final String PREFIX = "bytez:concurrency:";

	private static final String SCRIPT = script();

	/**
	 * How many times in a row a released permit goes straight to a waiting call of this
	 * instance while calls of other instances wait: a hand-over between processes costs
	 * several milliseconds (a Lua script, a pub/sub message and the waiting instance's
	 * threads), one in this instance almost nothing, so a permit serves a few calls here
	 * before it goes to the fleet's queue, which keeps the instances' shares even (its
	 * head is the call that waited longest, usually of the instance served least).
	 */
	static final int LOCAL_TURNS = 8;

	/**
	 * How often a waiting call asks again (and keeps its place), in case a notification
	 * was lost.
	 */
	private static final Duration RECHECK = Duration.ofSeconds(1);

	private static final int GRANTED = 1;

	private static final int RECLAIMED = 2;

	private final RScript script;

	private final RTopic topic;

	private final String name;

	private final List<Object> keys;

	private final String channel;

	private final int permits;

	private final Duration leaseTime;

	private final Duration operationTimeout;

	private final long waiterTtlMillis;

	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong tickets = new AtomicLong();

	private final Map<String, CompletableFuture<@Nullable String>> waiting = new ConcurrentHashMap<>();

	/**
	 * This instance's waiting calls, oldest first, for a permit handed over without
	 * Redis.
	 */
	private final Queue<String> waitingOrder = new ConcurrentLinkedQueue<>();

	/**
	 * When Redis last extended the lease of each permit this instance holds (nano time,
	 * as sent).
	 */
	private final Map<String, Long> leaseConfirmed = new ConcurrentHashMap<>();

	/**
	 * The permits this instance handed over to its own calls, with the turns taken in a
	 * row.
	 */
	private final Map<String, Integer> localTurns = new ConcurrentHashMap<>();

	/** The calls of every instance waiting in Redis, as of the latest answer. */
	private volatile int queuedFleetWide;

	/**
	 * Whether Redis, as of the latest answer, recovers the budget after its keys were
	 * lost.
	 */
	private volatile boolean recovering;

	private volatile int listener;

	private volatile @Nullable String lastFailure;

	private RedisPermitStore(RedissonClient redisson, String name, int permits, Duration leaseTime,
			Duration operationTimeout) {
		this.script = redisson.getScript(StringCodec.INSTANCE);
		this.name = name;
		String tag = "{" + name + "}";
		this.keys = List.of(tag + ":permits", tag + ":leases", tag + ":queue", tag + ":waiters", tag + ":recovering");
		this.channel = tag + ":granted";
		this.topic = redisson.getTopic(this.channel, StringCodec.INSTANCE);
		this.permits = permits;
		this.leaseTime = leaseTime;
		this.operationTimeout = operationTimeout;
		this.waiterTtlMillis = RECHECK.multipliedBy(3).plus(operationTimeout).toMillis();
	}

	/**
	 * Open the budget {@code name}, set its permits to {@code permits} and listen for its
	 * grants, waiting (on the calling thread, at most {@code operationTimeout}) for Redis
	 * to confirm; meant for startup.
	 * @param redisson the Redis connection, owned by the caller
	 * @param name the budget's name, e.g. from {@link #semaphoreName(String)}
	 * @param permits the budget shared by every instance, 1 or more
	 * @param leaseTime how long a permit stays held without renewal, at least one second
	 * @param operationTimeout the bound on each Redis operation
	 * @return the store
	 * @throws IllegalStateException when Redis does not confirm in time
	 */
	public static RedisPermitStore connect(RedissonClient redisson, String name, int permits, Duration leaseTime,
			Duration operationTimeout) {
		Assert.notNull(redisson, "redisson must not be null");
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(permits > 0, "permits must be 1 or more");
		Assert.isTrue(leaseTime != null && leaseTime.compareTo(Duration.ofSeconds(1)) >= 0,
				"leaseTime must be at least one second");
		Assert.isTrue(operationTimeout != null && !operationTimeout.isNegative() && !operationTimeout.isZero(),
				"operationTimeout must be positive");
		RedisPermitStore store = new RedisPermitStore(redisson, name, permits, leaseTime, operationTimeout);
		try {
			store.listener = store.topic.addListenerAsync(String.class, (channel, ticket) -> store.granted(ticket))
				.toCompletableFuture()
				.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
			store.run("set", "").toCompletableFuture().get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			store.close();
			throw new IllegalStateException("Interrupted while setting the permits of " + describe(name), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			store.close();
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"Could not set the permits of " + describe(name) + " within " + operationTimeout + ": " + cause,
					cause);
		}
		return store;
	}

	/**
	 * The budget name for an API key: a SHA-256 hash of it, so that every instance using
	 * the key shares one budget and the key itself never reaches Redis.
	 * @param apiKey the Bytez API key
	 * @return {@code bytez:concurrency:} followed by the hash in hex
	 */
	public static String semaphoreName(String apiKey) {
		Assert.hasText(apiKey, "apiKey must not be empty");
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public CompletionStage<@Nullable String> tryAcquire(Duration maxWait) {
		String ticket = this.instance + ":" + this.tickets.incrementAndGet();
		CompletableFuture<@Nullable String> result = new CompletableFuture<>();
		Wait wait = new Wait();
		this.waiting.put(ticket, result);
		this.waitingOrder.add(ticket);
		result.whenComplete((permitId, ex) -> {
			this.waiting.remove(ticket);
			this.waitingOrder.remove(ticket);
			if (permitId != null && !ticket.equals(permitId)) {
				// handed a permit released in this instance: renewed (so that a permit
				// Redis lost is re-claimed before its next holder runs long), and neither
				// this call's place in the queue nor a late grant to it stays; one script
				// does both, once the call's acquire (if on its way) has been answered
				wait.handedOver.set(permitId);
				if (wait.asking.get() == 0) {
					sendHandOver(wait, ticket);
				}
			}
			else if (!ticket.equals(permitId)) {
				// timed out, cancelled or failed: neither its place in the queue nor a
				// late grant to it stays
				leave(ticket);
			}
		});
		// the first ask leaves once the caller's own step is over: a call asking while
		// a call of this instance ends (the local queue's next call) is handed that
		// call's permit in the same step, and then needs no script at all for its ask
		long deadline = System.nanoTime() + maxWait.toNanos();
		try {
			Schedulers.parallel().schedule(() -> ask(ticket, result, deadline, wait));
		}
		catch (RejectedExecutionException ex) {
			// Reactor's schedulers shut down: the wait ends (and its ticket goes) at once
			result.completeExceptionally(ex);
		}
		return result;
	}

	private void ask(String ticket, CompletableFuture<@Nullable String> result, long deadline, Wait wait) {
		// counted before the check, so that a hand-over completing the call from now on
		// waits for this ask's answer (a hand-over sent before an acquire could let the
		// acquire queue the ticket again)
		wait.asking.incrementAndGet();
		if (result.isDone()) {
			// handed a permit in this instance before this ask left
			wait.asking.decrementAndGet();
			sendHandOver(wait, ticket);
			return;
		}
		run("acquire", ticket).whenComplete((reply, ex) -> {
			wait.asking.decrementAndGet();
			if (ex != null) {
				result.completeExceptionally(ex);
				sendHandOver(wait, ticket);
				return;
			}
			if (reply.status() == GRANTED) {
				// a call that took a permit of this instance while this ask was on its
				// way sends its hand-over now, after this grant, and the hand-over keeps
				// the grant for the instance's next waiting call
				if (!sendHandOver(wait, ticket)) {
					take(result, ticket);
				}
				return;
			}
			if (result.isDone()) {
				// the caller got a permit in this instance, or gave up, while this
				// ask was on its way (which may have queued the ticket again)
				String permitId = result.isCompletedExceptionally() ? null : result.getNow(null);
				if (permitId != null && !ticket.equals(permitId)) {
					sendHandOver(wait, ticket);
				}
				else if (!holds(result, ticket)) {
					leave(ticket);
				}
				return;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				result.complete(null);
				return;
			}
			CompletableFuture.delayedExecutor(Math.min(remaining, RECHECK.toNanos()), TimeUnit.NANOSECONDS)
				.execute(() -> ask(ticket, result, deadline, wait));
		});
	}

	/**
	 * Send the hand-over of the permit a waiting call took in this instance, once: it
	 * renews the permit and takes the call's ticket out of Redis. Sent only after the
	 * call's acquire was answered, so that the acquire cannot queue the ticket again
	 * after it.
	 * @return whether a hand-over was pending (and is now sent)
	 */
	private boolean sendHandOver(Wait wait, String ticket) {
		String permitId = wait.handedOver.getAndSet(null);
		if (permitId == null) {
			return false;
		}
		handedOver(permitId, ticket);
		return true;
	}

	private void granted(String ticket) {
		CompletableFuture<@Nullable String> waiter = this.waiting.get(ticket);
		if (waiter != null) {
			take(waiter, ticket);
		}
	}

	/**
	 * Give a call the permit Redis granted to its ticket (its lease just confirmed), or
	 * give the permit back when the call no longer waits for it.
	 */
	private void take(CompletableFuture<@Nullable String> waiter, String ticket) {
		this.leaseConfirmed.merge(ticket, System.nanoTime(), Math::max);
		if (!waiter.complete(ticket) && !holds(waiter, ticket)) {
			this.leaseConfirmed.remove(ticket);
			// harmless if the call's hand-over kept this grant already: it keeps it under
			// another name
			leave(ticket);
		}
	}

	private static boolean holds(CompletableFuture<@Nullable String> result, String ticket) {
		return result.isDone() && !result.isCompletedExceptionally() && ticket.equals(result.getNow(null));
	}

	private void leave(String ticket) {
		run("release", ticket);
	}

	private void handedOver(String permitId, String ticket) {
		long sent = System.nanoTime();
		run("handover", permitId, ticket).thenAccept((reply) -> {
			if (reply.status() != 0) {
				confirmed(permitId, sent);
			}
			if (reply.status() == RECLAIMED) {
				logReclaimed();
			}
			String kept = reply.kept();
			if (!kept.isEmpty()) {
				// Redis granted the call's ticket too while this instance served it: that
				// permit is this instance's now, under a name of its own (so that a
				// release of the ticket on its way cannot end it), and goes to its next
				// waiting call (or back to Redis) as any released permit does, instead
				// of a round trip through the fleet's queue
				this.leaseConfirmed.put(kept, sent);
				release(kept);
			}
		});
	}

	/**
	 * Note that Redis extended the lease of a permit this instance still holds no earlier
	 * than {@code at}.
	 */
	private void confirmed(String permitId, long at) {
		this.leaseConfirmed.computeIfPresent(permitId, (id, before) -> Math.max(before, at));
	}

	/**
	 * Whether at least two thirds of the permit's lease are left as far as Redis last
	 * confirmed: only such a permit is passed on without Redis (whose renewal then
	 * follows), so that a slow or failing Redis never lets a lease end under a call that
	 * took the permit over.
	 */
	private boolean fresh(String permitId) {
		Long at = this.leaseConfirmed.get(permitId);
		return at != null && System.nanoTime() - at < this.leaseTime.toNanos() / 3;
	}

	@Override
	public CompletionStage<Boolean> renew(String permitId) {
		long sent = System.nanoTime();
		return run("renew", permitId).thenApply((reply) -> {
			if (reply.status() != 0) {
				confirmed(permitId, sent);
			}
			if (reply.status() == RECLAIMED) {
				logReclaimed();
			}
			return reply.status() != 0;
		});
	}

	private void logReclaimed() {
		logger.warn("A call in flight re-claimed its permit of " + description()
				+ ", which Redis had lost (restarted, failed over or its keys deleted)");
	}

	/**
	 * Give a permit back. When a call of this instance waits, the permit goes straight to
	 * the oldest of them, its lease unchanged, without a round trip to Redis: always
	 * while no call of another instance waits (as of Redis's latest answer), else at most
	 * {@link #LOCAL_TURNS} times in a row, after which it goes back to Redis, which
	 * grants it to the head of the fleet's queue. It also goes back to Redis while Redis
	 * recovers lost keys, and when Redis last confirmed its lease more than a third of a
	 * lease ago.
	 */
	@Override
	public CompletionStage<Boolean> release(String permitId) {
		Integer turns = this.localTurns.remove(permitId);
		int taken = (turns != null) ? turns : 0;
		boolean othersWait = this.queuedFleetWide > this.waiting.size();
		// while Redis recovers lost keys, permits come back through it, so that it counts
		// them again
		if (!this.recovering && fresh(permitId) && (!othersWait || taken < LOCAL_TURNS)) {
			// counted before the hand-over: the next holder may release it before
			// complete() returns
			this.localTurns.put(permitId, othersWait ? taken + 1 : 0);
			String next;
			while ((next = this.waitingOrder.poll()) != null) {
				CompletableFuture<@Nullable String> waiter = this.waiting.get(next);
				if (waiter != null && waiter.complete(permitId)) {
					return CompletableFuture.completedFuture(true);
				}
			}
			this.localTurns.remove(permitId);
		}
		this.leaseConfirmed.remove(permitId);
		return run("release", permitId).thenApply((reply) -> true);
	}

	@Override
	public CompletionStage<PermitStoreStatus> status() {
		return run("status", "").thenApply((reply) -> new PermitStoreStatus(this.name, reply.total(),
				Math.max(0, reply.total() - reply.leased()), reply.queued()));
	}

	/**
	 * The permits not taken right now, for tests and diagnostics (waits on the calling
	 * thread).
	 * @return the number of free permits
	 */
	public int availablePermits() {
		return status().toCompletableFuture().join().available();
	}

	/**
	 * The budget's name, the prefix of its Redis keys.
	 * @return the name, e.g. {@code bytez:concurrency:ab12...}
	 */
	public String name() {
		return this.name;
	}

	private CompletableFuture<Reply> run(String operation, String ticket) {
		return run(operation, ticket, "");
	}

	private CompletableFuture<Reply> run(String operation, String ticket, String taker) {
		CompletableFuture<Reply> result = new CompletableFuture<>();
		try {
			this.script.<List<Object>>evalAsync((String) this.keys.get(0), RScript.Mode.READ_WRITE, SCRIPT,
					RScript.ReturnType.MULTI, this.keys, operation, ticket, this.channel, String.valueOf(this.permits),
					String.valueOf(this.leaseTime.toMillis()), String.valueOf(this.waiterTtlMillis),
					String.valueOf(this.leaseTime.dividedBy(2).toMillis()), taker)
				.whenComplete((values, ex) -> {
					if (ex != null) {
						failed(ex);
						result.completeExceptionally(ex);
						return;
					}
					Reply reply = Reply.of(values);
					this.queuedFleetWide = reply.queued();
					this.recovering = reply.recovering();
					if (reply.reseeded()) {
						logger.warn("The permits of " + description() + " were missing in Redis (restarted, failed"
								+ " over or its keys deleted) and are set again to " + this.permits);
					}
					reply.granted().forEach(this::granted);
					result.complete(reply);
				});
		}
		catch (RuntimeException ex) {
			failed(ex);
			result.completeExceptionally(ex);
		}
		return result.orTimeout(this.operationTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((reply, ex) -> {
			if (ex instanceof TimeoutException) {
				failed(ex);
			}
		});
	}

	private void failed(Throwable ex) {
		this.lastFailure = Instant.now() + ": " + ex;
	}

	/**
	 * The latest failed or timed-out operation on Redis, for health checks.
	 * @return when it failed and why, or {@code null} when none failed
	 */
	public @Nullable String lastFailure() {
		return this.lastFailure;
	}

	@Override
	public Duration leaseTime() {
		return this.leaseTime;
	}

	@Override
	public String description() {
		return describe(this.name);
	}

	/**
	 * Stop listening for grants; the Redisson client stays open (its owner shuts it
	 * down).
	 */
	@Override
	public void close() {
		if (this.listener != 0) {
			this.topic.removeListenerAsync(this.listener);
			this.listener = 0;
		}
	}

	private static String describe(String name) {
		String shown = (name.length() > PREFIX.length() + 12) ? name.substring(0, PREFIX.length() + 12) + "…" : name;
		return "redis semaphore '" + shown + "'";
	}

	@Override
	public String toString() {
		return "RedisPermitStore[" + description() + ", lease " + this.leaseTime + "]";
	}

	private static String script() {
		try (InputStream in = RedisPermitStore.class.getResourceAsStream("permits.lua")) {
			Assert.state(in != null, "permits.lua is missing");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One waiting call: how many of its acquires are on their way to Redis, and the
	 * permit it was handed in this instance whose hand-over waits for their answer.
	 */
	private static final class Wait {

		final AtomicInteger asking = new AtomicInteger();

		final AtomicReference<@Nullable String> handedOver = new AtomicReference<>();

	}

	/**
	 * The script's answer: status, whether the budget was set again, its total, leases
	 * and waiters, whether it recovers lost keys, the permit a hand-over kept of its
	 * taker's granted ticket (empty when none), and the tickets granted in this step.
	 */
	private record Reply(int status, boolean reseeded, int total, int leased, int queued, boolean recovering,
			String kept, List<String> granted) {

		static Reply of(List<Object> values) {
			return new Reply(number(values.get(0)), number(values.get(1)) == 1, number(values.get(2)),
					number(values.get(3)), number(values.get(4)), number(values.get(5)) == 1,
					String.valueOf(values.get(6)),
					values.subList(7, values.size()).stream().map(String::valueOf).toList());
		}

		private static int number(Object value) {
			return (value instanceof Number number) ? number.intValue() : Integer.parseInt(String.valueOf(value));
		}

	}

}
