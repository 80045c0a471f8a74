import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { loggingConfig } from '../../config/logging.config.js';
import { SecretMasker } from '../redaction/secret-masker.js';
import { requestTraceId } from '../trace/request-trace-id.js';
import { LOG_DESTINATION, LogDestinationModule } from './log-destination.js';
import { LOG_CENSOR, REDACTED_LOG_PATHS } from './log-redaction.js';

interface SerializedRequest {
  method: string;
  url: string;
}

/**
 * JSON log lines through nestjs-pino. Every line written while serving a request carries its
 * `trace_id` (and, once a run starts, `run_id`, bound by the run controller).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [LogDestinationModule],
      inject: [loggingConfig.KEY, LOG_DESTINATION, SecretMasker],
      useFactory: (
        config: ConfigType<typeof loggingConfig>,
        destination: DestinationStream,
        masker: SecretMasker,
      ) => ({
        pinoHttp: {
          level: config.level,
          stream: destination,
          genReqId: (req: IncomingMessage) => requestTraceId(req),
          customProps: (req: IncomingMessage) => ({ trace_id: (req as { id?: unknown }).id }),
          // Method and path only: headers hold credentials, query strings may too.
          serializers: {
            req: (req: SerializedRequest) => ({ method: req.method, url: req.url.split('?')[0] }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          redact: { paths: REDACTED_LOG_PATHS, censor: LOG_CENSOR },
          // Last line of defence: any secret of a run in progress is masked out of the
          // serialised line, wherever it hides (an error message, a stack, a URL).
          hooks: { streamWrite: (line: string) => masker.mask(line) },
          formatters: { level: (label: string) => ({ level: label }) },
          timestamp: pino.stdTimeFunctions.isoTime,
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
