import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PinoLogger } from 'nestjs-pino';
import { limitsConfig } from '../config/limits.config.js';
import { runControlConfig } from '../config/run-control.config.js';
import { MemoryRunStore } from './memory-run.store.js';
import { RedisRunStore } from './redis-run.store.js';
import { RunStore } from './run-store.js';

/**
 * Where runs' frames and records live for resume, cancel and status (docs/run-control.md):
 * Redis when REDIS_URL is set (any worker or replica), else this process's memory.
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
  ],
  exports: [RunStore],
})
export class RunControlModule {}
