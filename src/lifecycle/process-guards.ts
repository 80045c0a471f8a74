import type { Logger } from 'pino';

/**
 * Keeps one run's stray failure from taking the process (and every other run) down: an
 * unhandled rejection or uncaught exception is logged and the process keeps serving. Run
 * code already catches its own errors; reaching this is a bug to fix, not a crash to take.
 */
export function installProcessGuards(logger: Pick<Logger, 'error'>): void {
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection'),
  );
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));
}
