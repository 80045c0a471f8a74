import { Module } from '@nestjs/common';
import { RunPayloadPipe } from './run-payload.pipe.js';

/** The execution payload: DTOs, validation and its error details. */
@Module({
  providers: [RunPayloadPipe],
  exports: [RunPayloadPipe],
})
export class PayloadModule {}
