import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Redis } from 'ioredis';
import { runControlConfig } from '../config/run-control.config.js';
import { connectRedis, redisUnavailable, whenReady } from './redis-connection.js';
import { UsedTokens } from './used-tokens.js';

/**
 * Marks every key with its time to live unless one exists, in one step. Its keys share a
 * hash tag, so in a Redis Cluster they share a slot and one script may touch them all.
 */
const USE_ONCE_SCRIPT = `
for _, key in ipairs(KEYS) do if redis.call('exists', key) == 1 then return 0 end end
for _, key in ipairs(KEYS) do redis.call('set', key, '1', 'PX', ARGV[1]) end
return 1`;

/** Redis adapter (REDIS_URL): a replayed token is refused by every worker and replica. */
@Injectable()
export class RedisUsedTokens extends UsedTokens implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @Inject(runControlConfig.KEY) private readonly config: ConfigType<typeof runControlConfig>,
  ) {
    super();
    this.redis = connectRedis(
      { url: config.redisUrl as string, cluster: config.redisCluster },
      { enableOfflineQueue: false },
    );
  }

  async useOnce(keys: readonly string[], untilMs: number): Promise<boolean> {
    const ttlMs = Math.max(1, untilMs - Date.now());
    const names = keys.map((key) => `${this.config.redisKeyPrefix}used-token:{tokens}:${key}`);
    try {
      await whenReady(this.redis);
      return (await this.redis.eval(USE_ONCE_SCRIPT, names.length, ...names, ttlMs)) === 1;
    } catch {
      // Unsure whether a token was used: refusing is the safe answer.
      throw redisUnavailable();
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
