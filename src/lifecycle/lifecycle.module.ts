import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module.js';
import { GracefulShutdown } from './graceful-shutdown.service.js';

/** Process lifecycle: draining on SIGTERM. */
@Module({
  imports: [RunsModule],
  providers: [GracefulShutdown],
  exports: [GracefulShutdown],
})
export class LifecycleModule {}
