import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const limitsConfig = registerAs('limits', () => {
  const env = loadEnvironment();
  return {
    maxConcurrentRuns: env.MAX_CONCURRENT_RUNS,
    runTimeoutMs: env.RUN_TIMEOUT_SECONDS * 1000,
    maxMessages: env.MAX_MESSAGES,
    maxTools: env.MAX_TOOLS,
    maxVaultEntries: env.MAX_VAULT_ENTRIES,
    maxPayloadKeys: env.MAX_PAYLOAD_KEYS,
  };
});
