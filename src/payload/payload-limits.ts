import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { RunWorkflowDto } from './dto/run-workflow.dto.js';

/** Deepest nesting accepted anywhere in a body: deeper JSON is an attack, not a payload. */
export const MAX_JSON_DEPTH = 64;

export interface PayloadCountLimits {
  maxMessages: number;
  maxTools: number;
  maxVaultEntries: number;
}

/** The nesting depth of a parsed JSON value, measured without recursion. */
export function jsonDepth(value: unknown, stopAt = MAX_JSON_DEPTH + 1): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest >= stopAt) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** The count limits a valid payload may still break, each naming its setting. */
export function countLimitIssues(
  payload: RunWorkflowDto,
  limits: PayloadCountLimits,
): FieldIssue[] {
  const checks: [string, number, number, string, string][] = [
    [
      'input.messages',
      payload.input.messages.length,
      limits.maxMessages,
      'messages',
      'MAX_MESSAGES',
    ],
    [
      'runtime_config.tools',
      payload.runtime_config.tools?.length ?? 0,
      limits.maxTools,
      'tools',
      'MAX_TOOLS',
    ],
    [
      'runtime_config.vault',
      Object.keys(payload.runtime_config.vault ?? {}).length,
      limits.maxVaultEntries,
      'vault entries',
      'MAX_VAULT_ENTRIES',
    ],
  ];
  return checks
    .filter(([, count, limit]) => count > limit)
    .map(([path, , limit, what, setting]) => ({
      path,
      message: `at most ${limit} ${what} are accepted (${setting})`,
    }));
}
