import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const runControlConfig = registerAs('runControl', () => {
  const env = loadEnvironment();
  return {
    logMaxBytes: env.RUN_LOG_MAX_BYTES,
    logMaxTotalBytes: env.RUN_LOG_MAX_TOTAL_BYTES,
    logTtlMs: env.RUN_LOG_TTL_SECONDS * 1000,
    maxFinishedRuns: env.RUN_LOG_MAX_FINISHED_RUNS,
    disconnectGraceMs: env.DISCONNECT_GRACE_SECONDS * 1000,
    redisUrl: env.REDIS_URL,
    redisCluster: env.REDIS_CLUSTER,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    leaseRenewMs: env.RUN_OWNER_LEASE_RENEW_SECONDS * 1000,
    leaseTtlMs: env.RUN_OWNER_LEASE_TTL_SECONDS * 1000,
  };
});
