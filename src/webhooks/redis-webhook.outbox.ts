import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { connectRedis, whenReady } from '../run-control/redis-connection.js';
import type { OutboxCipher } from './outbox-cipher.js';
import { MAX_PENDING_WEBHOOKS } from './webhook-policy.js';
import { type QueuedDelivery, WebhookOutbox } from './webhook-outbox.js';

/**
 * Takes up to ARGV[2] members due by ARGV[1] (ms) and moves each to ARGV[1] + ARGV[3] (its
 * lease), returning their ids and data, in one step: two processes never claim one delivery.
 */
const CLAIM_SCRIPT = `
local due = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(due) do
  redis.call('zadd', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]), id)
  table.insert(claimed, id)
  table.insert(claimed, redis.call('hget', KEYS[2], id) or '')
end
return claimed`;

/** Adds a delivery unless the outbox is full, due at ARGV[3]. */
const ADD_SCRIPT = `
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
redis.call('zadd', KEYS[1], tonumber(ARGV[3]), ARGV[1])
return 1`;

export interface RedisOutboxSettings {
  url: string;
  cluster: boolean;
  keyPrefix: string;
  cipher: OutboxCipher;
}

/**
 * Redis adapter (REDIS_URL): a sorted set of delivery ids by when each is due (or its claim
 * lapses) and a hash of their sealed data (OutboxCipher: the target's headers are
 * credentials), under one hash tag so a Redis Cluster keeps them in one slot. A delivery thus
 * survives the process that failed it: the next one to poll claims it when it is due.
 */
@Injectable()
export class RedisWebhookOutbox extends WebhookOutbox implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly due: string;
  private readonly data: string;

  constructor(private readonly settings: RedisOutboxSettings) {
    super();
    this.redis = connectRedis(settings, { enableOfflineQueue: false });
    this.due = `${settings.keyPrefix}webhooks:{outbox}:due`;
    this.data = `${settings.keyPrefix}webhooks:{outbox}:data`;
  }

  async add(delivery: QueuedDelivery): Promise<boolean> {
    await whenReady(this.redis);
    const sealed = this.settings.cipher.seal(JSON.stringify(delivery));
    const args = [delivery.id, sealed, Date.now(), MAX_PENDING_WEBHOOKS];
    return (await this.redis.eval(ADD_SCRIPT, 2, this.due, this.data, ...args)) === 1;
  }

  async claimDue(max: number, leaseMs: number): Promise<QueuedDelivery[]> {
    await whenReady(this.redis);
    const flat = (await this.redis.eval(
      CLAIM_SCRIPT,
      2,
      this.due,
      this.data,
      Date.now(),
      max,
      leaseMs,
    )) as string[];
    const claimed: QueuedDelivery[] = [];
    for (let index = 0; index < flat.length; index += 2) {
      const text = this.settings.cipher.open(flat[index + 1]);
      if (text) claimed.push(JSON.parse(text) as QueuedDelivery);
      // Sealed under a key no longer configured: it can never be sent.
      else await this.remove(flat[index]);
    }
    return claimed;
  }

  async retryAt(delivery: QueuedDelivery, dueAtMs: number): Promise<void> {
    const next = { ...delivery, attempts: delivery.attempts + 1 };
    await this.redis
      .multi()
      .hset(this.data, delivery.id, this.settings.cipher.seal(JSON.stringify(next)))
      .zadd(this.due, dueAtMs, delivery.id)
      .exec();
  }

  async remove(id: string): Promise<void> {
    await this.redis.multi().zrem(this.due, id).hdel(this.data, id).exec();
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
