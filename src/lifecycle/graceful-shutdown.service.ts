import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { RunError } from '../common/errors/execution-plane.error.js';
import { serverConfig } from '../config/server.config.js';
import { ActiveRunsRegistry } from '../runs/active-runs.registry.js';

/**
 * After the grace period, how long the cut runs and every client get to take their last
 * frames; then every connection still open is destroyed. The process so exits within
 * SHUTDOWN_GRACE_SECONDS + this, whatever its clients do.
 */
export const FINAL_FRAMES_FLUSH_MS = 2_000;
/** How often the last phase checks whether every connection has gone. */
const CONNECTIONS_POLL_MS = 50;

/**
 * Drains the process on SIGTERM: new runs are refused (503) and /health turns 503 at once;
 * running streams may finish for SHUTDOWN_GRACE_SECONDS; those still running then end with
 * `error` (shutting_down) and `done` (cancelled); connections of clients that do not take
 * their last frames within FINAL_FRAMES_FLUSH_MS are destroyed, so `app.close()` never waits
 * for a slow reader.
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly activeRuns: ActiveRunsRegistry,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(serverConfig.KEY) private readonly server: ConfigType<typeof serverConfig>,
  ) {}

  async drain(): Promise<void> {
    this.activeRuns.startDraining();
    this.logger.log(
      `draining: ${this.activeRuns.count} runs in progress, grace ${this.server.shutdownGraceMs} ms`,
    );
    const finished = await this.activeRuns.waitUntilIdle(this.server.shutdownGraceMs);
    const deadline = Date.now() + FINAL_FRAMES_FLUSH_MS;
    if (!finished) {
      this.logger.warn(`grace period over: stopping ${this.activeRuns.count} runs`);
      this.activeRuns.abortAll(
        'cancelled',
        new RunError('shutting_down', 'The service is shutting down', true),
      );
      await this.activeRuns.waitUntilIdle(FINAL_FRAMES_FLUSH_MS);
    }
    await this.closeConnections(deadline);
  }

  /** Idle keep-alive connections go at once; the others get until `deadline` to finish. */
  private async closeConnections(deadline: number): Promise<void> {
    const http = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!http) return;
    http.closeIdleConnections();
    while ((await this.connectionCount(http)) > 0 && Date.now() < deadline) {
      await sleep(CONNECTIONS_POLL_MS);
      http.closeIdleConnections();
    }
    const left = await this.connectionCount(http);
    if (left > 0) this.logger.warn(`closing ${left} connections of clients still reading`);
    http.closeAllConnections();
  }

  private connectionCount(http: Server): Promise<number> {
    return new Promise((resolve) => http.getConnections((_error, count) => resolve(count ?? 0)));
  }
}
