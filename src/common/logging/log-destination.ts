import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import { loggingConfig } from '../../config/logging.config.js';

/** Where log lines go. Tests override this provider to capture and search the output. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

function createDestination(config: ConfigType<typeof loggingConfig>): DestinationStream {
  if (config.pretty) return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l' });
  // Synchronous writes: nothing is lost when the process exits, and we log a few lines per
  // run, never per token.
  return pino.destination({ dest: 1, sync: true });
}

@Module({
  providers: [
    { provide: LOG_DESTINATION, inject: [loggingConfig.KEY], useFactory: createDestination },
  ],
  exports: [LOG_DESTINATION],
})
export class LogDestinationModule {}
