import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const modelConfig = registerAs('model', () => {
  const env = loadEnvironment();
  return { timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000, maxRetries: env.MODEL_MAX_RETRIES };
});
