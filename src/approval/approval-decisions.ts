import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { ApprovalDecision, ToolApprovalDto } from '../payload/dto/tool-approval.dto.js';
import { compileArgumentsCheck } from '../tools/tool-arguments.validator.js';
import type { RunTool } from '../tools/tool.types.js';
import type { ApprovalSigner, TokenVerdict } from './approval-signer.js';
import type { PendingCall } from './pending-calls.js';
import { isJsonObject } from '../common/json/is-json-object.js';

/** What a resumed run does with one call that waited for approval. */
export interface ToolDecision {
  decision: ApprovalDecision;
  /** The arguments to run it with: the call's own, or the edited ones. */
  arguments: Record<string, unknown>;
  /** A denial's reason, for the model. */
  reason?: string;
}

/** The decisions of a resume, by tool call id, and the tokens they spend. */
export interface CheckedDecisions {
  decisions: ReadonlyMap<string, ToolDecision>;
  tokens: { token: string; expiresAtMs: number }[];
}

const TOKEN_REASONS: Record<Exclude<TokenVerdict, 'valid'>, string> = {
  malformed: 'is not an approval token',
  mismatch:
    "does not approve this call: it was not signed by this service, or the call's name or arguments differ from the ones it was issued for",
  expired: 'has expired (APPROVAL_TTL_SECONDS)',
};

const asObject = (value: unknown) => (isJsonObject(value) ? value : {});

/** What is wrong with one decision; `call` and `tool` are what it decides, when found. */
function decisionIssues(
  approval: ToolApprovalDto,
  path: string,
  call: PendingCall | undefined,
  tool: RunTool | undefined,
  verdict: TokenVerdict | undefined,
): FieldIssue[] {
  if (!call)
    return [
      {
        path: `${path}.tool_call_id`,
        message: 'no call of the last assistant message waits for a decision with this id',
      },
    ];
  if (!tool)
    return [{ path: `${path}.tool_call_id`, message: 'the run offers no tool this call names' }];
  if (verdict !== 'valid')
    return [{ path: `${path}.approval_token`, message: TOKEN_REASONS[verdict ?? 'malformed'] }];
  if (approval.decision !== 'edit') return [];
  const problem = compileArgumentsCheck(tool.parameters)(approval.arguments);
  return problem ? [{ path: `${path}.arguments`, message: problem }] : [];
}

/**
 * Checks `input.tool_approvals` against the conversation's pending calls and the run's
 * tools before the stream starts: each decision names a pending call, once, with a token
 * this service signed for exactly that call (name and arguments) that has not expired;
 * edited arguments follow the tool's schema; every pending call is decided. Issues name the
 * field and the reason, never token material.
 */
export function checkDecisions(
  approvals: readonly ToolApprovalDto[],
  pending: readonly PendingCall[],
  tools: ReadonlyMap<string, RunTool>,
  signer: ApprovalSigner,
): { issues: FieldIssue[]; checked: CheckedDecisions } {
  const decisions = new Map<string, ToolDecision>();
  const tokens: CheckedDecisions['tokens'] = [];
  const issues = approvals.flatMap((approval, index) => {
    const path = `input.tool_approvals[${index}]`;
    if (decisions.has(approval.tool_call_id))
      return [{ path: `${path}.tool_call_id`, message: 'this call is decided twice' }];
    const call = pending.find((candidate) => candidate.id === approval.tool_call_id);
    const tool = call && tools.get(call.name);
    const verified =
      call && tool
        ? signer.verify(approval.approval_token, {
            toolCallId: call.id,
            toolName: call.name,
            arguments: call.arguments,
          })
        : undefined;
    const found = decisionIssues(approval, path, call, tool, verified?.verdict);
    if (found.length > 0 || !call) return found;
    decisions.set(call.id, {
      decision: approval.decision,
      arguments:
        approval.decision === 'edit' ? asObject(approval.arguments) : asObject(call.arguments),
      reason: approval.reason,
    });
    tokens.push({ token: approval.approval_token, expiresAtMs: verified?.expiresAtMs ?? 0 });
    return [];
  });
  for (const call of pending)
    if (!approvals.some((approval) => approval.tool_call_id === call.id))
      issues.push({
        path: 'input.tool_approvals',
        message: `call ${call.id} waits for a decision`,
      });
  return { issues, checked: { decisions, tokens } };
}

/** A call to pause at: what its `tool_approval_required` event names. */
export interface ApprovalRequest {
  toolCallId: string;
  toolName: string;
  arguments: Record<string, unknown>;
}

/** Tool-call approval as one run sees it: its resume's decisions, and new requests signed. */
export interface RunApproval {
  readonly decisions: ReadonlyMap<string, ToolDecision>;
  /** The token and expiry of a request to approve this call of this run. */
  request(call: ApprovalRequest): { approval_token: string; expires_at: string };
}
