import { Module } from '@nestjs/common';
import { StreamingModule } from '../streaming/streaming.module.js';
import { GracefulShutdown } from './graceful-shutdown.service.js';

/** Process lifecycle: draining on SIGTERM. */
@Module({
  imports: [StreamingModule],
  providers: [GracefulShutdown],
  exports: [GracefulShutdown],
})
export class LifecycleModule {}
