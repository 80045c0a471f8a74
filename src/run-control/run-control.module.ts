import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PinoLogger } from 'nestjs-pino';
import { limitsConfig } from '../config/limits.config.js';
import { runControlConfig } from '../config/run-control.config.js';
import { MemoryRunStore } from './memory-run.store.js';
import { RedisRunStore } from './redis-run.store.js';
import { RunStore } from './run-store.js';
import { MemoryUsedTokens } from './memory-used-tokens.js';
import { RedisUsedTokens } from './redis-used-tokens.js';
import { UsedTokens } from './used-tokens.js';

/**
 * Where runs' frames and records live for resume, cancel and status (docs/run-control.md),
 * and the approval tokens already used: Redis when REDIS_URL is set (any worker or replica),
 * else this process's memory.
 */
@Module({
  providers: [
    MemoryRunStore,
    {
      provide: RunStore,
      inject: [runControlConfig.KEY, limitsConfig.KEY, MemoryRunStore, PinoLogger],
      useFactory: (
        config: ConfigType<typeof runControlConfig>,
        limits: ConfigType<typeof limitsConfig>,
        memory: MemoryRunStore,
        logger: PinoLogger,
      ): RunStore => (config.redisUrl ? new RedisRunStore(config, limits, memory, logger) : memory),
    },
    {
      provide: UsedTokens,
      inject: [runControlConfig.KEY],
      useFactory: (config: ConfigType<typeof runControlConfig>): UsedTokens =>
        config.redisUrl ? new RedisUsedTokens(config) : new MemoryUsedTokens(),
    },
  ],
  exports: [RunStore, UsedTokens],
})
export class RunControlModule {}
