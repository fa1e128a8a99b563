-- The shared budget of bytez-client's RedisPermitStore, one atomic step per call.
-- KEYS: permits (the budget), leases (zset: permit -> lease end, ms), queue (list of waiting tickets, in
-- order), waiters (hash: ticket -> deadline of its place in the queue, ms), recovering (set for a while
-- after the budget was found missing).
-- ARGV: operation (set, acquire, renew, release, handover, status), ticket or permit, channel, permits,
-- lease ms, waiter ttl ms, recovery ms, and for handover the ticket of the call that took the permit over.
-- handover: an instance passed a released permit straight to one of its waiting calls (no round trip on
-- the call's way); this renews the permit (re-claiming it while Redis recovers lost keys) and takes the
-- taker's own ticket out of the queue; had that ticket been granted meanwhile, its lease is renewed as
-- '<ticket>:kept' and reported as kept: the instance passes it on as a permit of its own.
-- When the budget is found missing (Redis restarted without persistence, a replica without the keys was
-- promoted, or the keys were deleted), the calls in flight still hold permits Redis no longer knows:
-- for the recovery time (longer than a renewal period) only their renewals take permits again, and new
-- calls wait, so that the budget is not exceeded and no running call loses its permit.
-- A waiting ticket becomes the permit itself when granted: granting adds it to the leases and publishes
-- it on the channel, so that its instance wakes that one call; a release grants the head of the queue
-- at once, in order, instead of every waiter racing for it.
-- Returns: status (1 granted/renewed, 2 re-claimed, 0 otherwise), 1 when the budget was missing and set
-- again (Redis restarted, failed over or lost the key), total, leased, queued, 1 while recovering, the
-- permit a handover kept of its taker's granted ticket ('' when none), then the tickets granted.
local permitsKey, leasesKey, queueKey, waitersKey, recoveringKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local op, ticket, channel = ARGV[1], ARGV[2], ARGV[3]
local permits, lease, waiterTtl, recovery = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', leasesKey, '-inf', now)
local reseeded = 0
local total = tonumber(redis.call('GET', permitsKey) or '')
if op == 'set' or total == nil then
	if op ~= 'set' then
		reseeded = 1
		redis.call('SET', recoveringKey, 1, 'PX', recovery)
	end
	redis.call('SET', permitsKey, permits)
	total = permits
end
local status = 0
local kept = ''
if op == 'handover' then
	redis.call('HDEL', waitersKey, ARGV[8])
	if redis.call('ZREM', leasesKey, ARGV[8]) == 1 then
		-- granted meanwhile (both Redis and the instance served the same waiting call): the instance
		-- keeps that permit for its next waiting call instead of sending it round the fleet's queue,
		-- under a name of its own, so that a release of the ticket already on its way cannot end it
		kept = ARGV[8] .. ':kept'
		redis.call('ZADD', leasesKey, now + lease, kept)
	end
end
if op == 'renew' or op == 'handover' then
	if redis.call('ZSCORE', leasesKey, ticket) then
		redis.call('ZADD', leasesKey, now + lease, ticket)
		status = 1
	elseif (op == 'renew' or redis.call('EXISTS', recoveringKey) == 1) and redis.call('ZCARD', leasesKey) < total then
		-- a handover re-claims only while recovering lost keys: one arriving late, after its permit was
		-- released again, must not bring that permit back
		redis.call('ZADD', leasesKey, now + lease, ticket)
		status = 2
	end
elseif op == 'release' then
	redis.call('ZREM', leasesKey, ticket)
	redis.call('HDEL', waitersKey, ticket)
end
local granted = {}
local recovering = redis.call('EXISTS', recoveringKey) == 1
while not recovering and redis.call('ZCARD', leasesKey) < total do
	local head = redis.call('LPOP', queueKey)
	if not head then
		break
	end
	local deadline = tonumber(redis.call('HGET', waitersKey, head) or '')
	if deadline ~= nil then
		redis.call('HDEL', waitersKey, head)
		if deadline >= now then
			redis.call('ZADD', leasesKey, now + lease, head)
			redis.call('PUBLISH', channel, head)
			granted[#granted + 1] = head
		end
	end
end
if op == 'acquire' then
	if redis.call('ZSCORE', leasesKey, ticket) then
		status = 1
	elseif redis.call('HEXISTS', waitersKey, ticket) == 1 then
		redis.call('HSET', waitersKey, ticket, now + waiterTtl)
	elseif not recovering and redis.call('ZCARD', leasesKey) < total then
		redis.call('ZADD', leasesKey, now + lease, ticket)
		status = 1
	else
		redis.call('RPUSH', queueKey, ticket)
		redis.call('HSET', waitersKey, ticket, now + waiterTtl)
	end
end
local reply = { status, reseeded, total, redis.call('ZCARD', leasesKey), redis.call('HLEN', waitersKey),
	recovering and 1 or 0, kept }
for _, head in ipairs(granted) do
	reply[#reply + 1] = head
end
return reply
