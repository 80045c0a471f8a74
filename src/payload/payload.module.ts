import { Module } from '@nestjs/common';
import { installConstraintInstances } from './constraint-instances.js';
import { RunPayloadPipe } from './run-payload.pipe.js';

/** The execution payload: DTOs, validation and its error details. */
@Module({
  providers: [RunPayloadPipe],
  exports: [RunPayloadPipe],
})
export class PayloadModule {
  constructor() {
    installConstraintInstances();
  }
}
