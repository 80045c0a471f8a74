import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RunError } from '../common/errors/execution-plane.error.js';
import { serverConfig } from '../config/server.config.js';
import { ActiveRunsRegistry } from '../streaming/active-runs.registry.js';

/** After the grace period, how long the cut streams get to write their last frames. */
export const FINAL_FRAMES_FLUSH_MS = 2_000;

/**
 * Drains the process on SIGTERM: new runs are refused (503) and /health turns 503 at once;
 * running streams may finish for SHUTDOWN_GRACE_SECONDS; those still running then end with
 * `error` (shutting_down) and `done` (cancelled).
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly activeRuns: ActiveRunsRegistry,
    @Inject(serverConfig.KEY) private readonly server: ConfigType<typeof serverConfig>,
  ) {}

  async drain(): Promise<void> {
    this.activeRuns.startDraining();
    this.logger.log(
      `draining: ${this.activeRuns.count} runs in progress, grace ${this.server.shutdownGraceMs} ms`,
    );
    if (await this.activeRuns.waitUntilIdle(this.server.shutdownGraceMs)) return;
    this.logger.warn(`grace period over: stopping ${this.activeRuns.count} runs`);
    this.activeRuns.abortAll(
      'cancelled',
      new RunError('shutting_down', 'The service is shutting down', true),
    );
    await this.activeRuns.waitUntilIdle(FINAL_FRAMES_FLUSH_MS);
  }
}
