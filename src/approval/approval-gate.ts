import { Injectable } from '@nestjs/common';
import {
  type FieldIssue,
  fieldIssuesError,
  RequestError,
} from '../common/errors/execution-plane.error.js';
import type { RunWorkflowDto } from '../payload/dto/run-workflow.dto.js';
import { UsedTokens } from '../run-control/used-tokens.js';
import type { RunTool } from '../tools/tool.types.js';
import { type CheckedDecisions, checkDecisions, type ToolDecision } from './approval-decisions.js';
import { ApprovalSigner, usedTokenKey } from './approval-signer.js';
import { pendingCalls } from './pending-calls.js';

/** A resume's checked decisions, and the spending of their tokens. */
export interface AdmittedDecisions {
  decisions: ReadonlyMap<string, ToolDecision>;
  spend(): Promise<void>;
}

const invalidApproval = (issues: FieldIssue[]) =>
  fieldIssuesError('invalid_approval', 'Invalid tool approvals', issues);

/**
 * What a payload may do about approvals, decided before its stream starts: asking for them
 * needs a signing key (400 invalid_payload); a resume's decisions are checked
 * (checkDecisions) and, once the run is admitted, their tokens spent once (UsedTokens: a
 * replay is 400 invalid_approval, even on another worker with Redis).
 */
@Injectable()
export class ApprovalGate {
  constructor(
    private readonly signer: ApprovalSigner,
    private readonly used: UsedTokens,
  ) {}

  /**
   * The resume's decisions by tool call id (empty for a run that resumes nothing), checked;
   * `spend` marks their tokens used, once the run is admitted: a resume refused for being
   * busy (429) can be sent again with the same approvals.
   */
  async admit(payload: RunWorkflowDto, tools: readonly RunTool[]): Promise<AdmittedDecisions> {
    const approvals = payload.input.tool_approvals;
    const asks = tools.some((tool) => tool.requiresApproval);
    if ((asks || approvals) && !this.signer.enabled)
      throw new RequestError(
        'invalid_payload',
        'Tool approval needs APPROVAL_SIGNING_KEYS to be set on the execution plane',
        [
          {
            path: approvals ? 'input.tool_approvals' : 'runtime_config.tools',
            message: 'approvals need a signing key (APPROVAL_SIGNING_KEYS)',
          },
        ],
      );
    if (!approvals) return { decisions: new Map(), spend: () => Promise.resolve() };
    const pending = pendingCalls(payload.input.messages);
    if (!pending?.length)
      throw invalidApproval([
        {
          path: 'input.tool_approvals',
          message:
            'the conversation must end with the assistant message whose tool calls wait for these decisions (and the tool messages of calls that ran)',
        },
      ]);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const { issues, checked } = checkDecisions(approvals, pending, byName, this.signer);
    if (issues.length > 0) throw invalidApproval(issues);
    return { decisions: checked.decisions, spend: () => this.spend(checked.tokens) };
  }

  private async spend(tokens: CheckedDecisions['tokens']): Promise<void> {
    const until = Math.max(...tokens.map((entry) => entry.expiresAtMs));
    const keys = tokens.map((entry) => usedTokenKey(entry.token));
    if (!(await this.used.useOnce(keys, until)))
      throw invalidApproval([
        { path: 'input.tool_approvals', message: 'an approval of this resume was used before' },
      ]);
  }
}
