/**
 * Field paths pino censors in any log line: defence in depth, since no code logs payloads,
 * headers or bodies on purpose (house rule: secrets and message contents never reach a log).
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.Authorization',
  'api_key',
  '*.api_key',
  'vault',
  '*.vault',
  'messages',
  '*.messages',
  'content',
  '*.content',
];

export const LOG_CENSOR = '***';
