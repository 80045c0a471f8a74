import { registerAs } from '@nestjs/config';
import { parseApprovalKeys } from './api-keys.js';
import { loadEnvironment } from './load-environment.js';

export const approvalConfig = registerAs('approval', () => {
  const env = loadEnvironment();
  return {
    signingKeys: parseApprovalKeys(env.APPROVAL_SIGNING_KEYS),
    ttlMs: env.APPROVAL_TTL_SECONDS * 1000,
  };
});
