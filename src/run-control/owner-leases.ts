import type { Redis } from 'ioredis';

/** Redis time in ms, inside a script: one clock for every process, whatever their skew. */
const NOW_MS = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`;

/**
 * Sets each run's lease (ARGV[2..]) to lapse ARGV[1] ms from now. `XX`: a lease that is gone
 * (its run was ended by another process) is not brought back; those runs are returned.
 */
const RENEW_SCRIPT = `${NOW_MS}
local lost = {}
for i = 2, #ARGV do
  if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i]) == 0
     and not redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    table.insert(lost, ARGV[i])
  end
end
return lost`;

/** Takes up to ARGV[1] lapsed leases, atomically: each lapsed run goes to one caller only. */
const TAKE_LAPSED_SCRIPT = `${NOW_MS}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do redis.call('ZREM', KEYS[1], id) end
return ids`;

/** Lapsed runs one process ends per tick; the rest wait for the next tick or another process. */
const LAPSED_PER_TICK = 20;

/**
 * Owner leases of running runs, in one sorted set (RedisKeys.leases): an owner takes a lease
 * when its run begins, renews all of its leases every RUN_OWNER_LEASE_RENEW_SECONDS, and gives
 * one back when its run ends. A lease not renewed for RUN_OWNER_LEASE_TTL_SECONDS lapses: its
 * owner is presumed dead, and the first process to take it ends the run (OrphanRunCloser).
 */
export class OwnerLeases {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  async take(runId: string): Promise<void> {
    await this.redis.eval(
      `${NOW_MS} return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])`,
      1,
      this.key,
      this.ttlMs,
      runId,
    );
  }

  /** Renews the leases of `runIds`; returns those whose lease is gone (taken by another process). */
  async renew(runIds: string[]): Promise<string[]> {
    if (runIds.length === 0) return [];
    return (await this.redis.eval(RENEW_SCRIPT, 1, this.key, this.ttlMs, ...runIds)) as string[];
  }

  async giveBack(runId: string): Promise<void> {
    await this.redis.zrem(this.key, runId);
  }

  /** Lapsed leases, now this process's to act on. */
  async takeLapsed(): Promise<string[]> {
    return (await this.redis.eval(TAKE_LAPSED_SCRIPT, 1, this.key, LAPSED_PER_TICK)) as string[];
  }
}
