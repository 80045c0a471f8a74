import { Module } from '@nestjs/common';
import { RunControlModule } from '../run-control/run-control.module.js';
import { ApprovalGate } from './approval-gate.js';
import { ApprovalSigner } from './approval-signer.js';

/**
 * Tool-call approval (docs/human-in-the-loop.md): tokens signed and verified with
 * APPROVAL_SIGNING_KEYS, a resume's decisions checked and spent once.
 */
@Module({
  imports: [RunControlModule],
  providers: [ApprovalSigner, ApprovalGate],
  exports: [ApprovalSigner, ApprovalGate],
})
export class ApprovalModule {}
