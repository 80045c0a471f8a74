import { registerAs } from '@nestjs/config';
import { parseWebhookKeys } from './api-keys.js';
import { loadEnvironment } from './load-environment.js';

export const webhookConfig = registerAs('webhook', () => {
  const env = loadEnvironment();
  return {
    signingKeys: parseWebhookKeys(env.WEBHOOK_SIGNING_KEYS),
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
  };
});
