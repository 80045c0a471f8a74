import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const streamingConfig = registerAs('streaming', () => {
  const env = loadEnvironment();
  return {
    keepaliveIntervalMs: env.SSE_KEEPALIVE_INTERVAL * 1000,
    writeTimeoutMs: env.SSE_WRITE_TIMEOUT_SECONDS * 1000,
    retryMs: env.SSE_RETRY_MS,
  };
});
