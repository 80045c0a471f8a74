import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import { isJsonObject } from '../common/json/is-json-object.js';

export interface PayloadCountLimits {
  maxMessages: number;
  maxTools: number;
  maxVaultEntries: number;
}

/** A body as parsed, before it is mapped: only the counted parts, any of them any type. */
interface RawPayload {
  input?: { messages?: unknown };
  runtime_config?: { tools?: unknown; vault?: unknown };
}

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const keysOf = (value: unknown) => (isJsonObject(value) ? Object.keys(value).length : 0);

/**
 * The count limits a body breaks, each naming its setting. Checked on the parsed body before
 * it is mapped and validated, so a body of 30,000 messages costs a length check, not their
 * validation.
 */
export function countLimitIssues(body: RawPayload, limits: PayloadCountLimits): FieldIssue[] {
  const checks: [string, number, number, string, string][] = [
    [
      'input.messages',
      lengthOf(body.input?.messages),
      limits.maxMessages,
      'messages',
      'MAX_MESSAGES',
    ],
    [
      'runtime_config.tools',
      lengthOf(body.runtime_config?.tools),
      limits.maxTools,
      'tools',
      'MAX_TOOLS',
    ],
    [
      'runtime_config.vault',
      keysOf(body.runtime_config?.vault),
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
