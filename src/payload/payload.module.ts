import { Module } from '@nestjs/common';
import { installConstraintInstances } from './constraint-instances.js';
import { RunPayloadPipe } from './run-payload.pipe.js';
import { installTransformMetadataCache } from './transform-metadata-cache.js';
import { installValidationMetadataCache } from './validation-metadata-cache.js';

/** The execution payload: DTOs, validation and its error details. */
@Module({
  providers: [RunPayloadPipe],
  exports: [RunPayloadPipe],
})
export class PayloadModule {
  constructor() {
    installConstraintInstances();
    installValidationMetadataCache();
    installTransformMetadataCache();
  }
}
