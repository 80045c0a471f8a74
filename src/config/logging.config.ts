import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

/** PROTOCOL.md level names mapped onto pino's. */
const PINO_LEVELS = { DEBUG: 'debug', INFO: 'info', WARNING: 'warn', ERROR: 'error' } as const;

export const loggingConfig = registerAs('logging', () => {
  const env = loadEnvironment();
  return {
    level: PINO_LEVELS[env.LOG_LEVEL],
    traceEnabled: env.LOG_TRACE_ENABLED,
    pretty: env.LOG_FORMAT === 'pretty',
  };
});
