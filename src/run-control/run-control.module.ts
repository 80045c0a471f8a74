import { Module } from '@nestjs/common';
import { MemoryRunStore } from './memory-run.store.js';
import { RunStore } from './run-store.js';

/** Where runs' frames and records live for resume, cancel and status (docs/run-control.md). */
@Module({
  providers: [MemoryRunStore, { provide: RunStore, useExisting: MemoryRunStore }],
  exports: [RunStore],
})
export class RunControlModule {}
