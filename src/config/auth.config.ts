import { registerAs } from '@nestjs/config';
import { parseApiKeys } from './api-keys.js';
import { loadEnvironment } from './load-environment.js';

export const authConfig = registerAs('auth', () => ({
  apiKeys: parseApiKeys(loadEnvironment().SERVICE_API_KEYS),
}));
