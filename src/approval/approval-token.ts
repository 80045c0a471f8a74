import { createHmac, timingSafeEqual } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/** The token format's version: its first field, and the first item its MAC covers. */
export const APPROVAL_TOKEN_VERSION = 'ap1';

/** JSON with sorted keys: the same arguments give the same bytes whatever their key order. */
const canonicalJson = configure({ deterministic: true, circularValue: Error });

/** A tool call a token approves, and until when (whole seconds since the epoch). */
export interface ApprovableCall {
  runId: string;
  toolCallId: string;
  toolName: string;
  arguments: unknown;
  expiresAtSeconds: number;
}

/** A token's readable fields; its MAC says whether they, and the call, are genuine. */
export interface ApprovalToken {
  runId: string;
  expiresAtSeconds: number;
  mac: Buffer;
}

/**
 * HMAC-SHA256 over the canonical JSON of [version, run id, call id, tool name, arguments,
 * expiry]: a JSON array, so no field can run into the next.
 */
function macOf(key: string, call: ApprovableCall): Buffer {
  const covered = canonicalJson([
    APPROVAL_TOKEN_VERSION,
    call.runId,
    call.toolCallId,
    call.toolName,
    call.arguments,
    call.expiresAtSeconds,
  ]);
  return createHmac('sha256', key)
    .update(covered ?? '')
    .digest();
}

/** `ap1.<run id>.<expiry>.<MAC, base64url>`: the call itself travels in the conversation. */
export function signApproval(key: string, call: ApprovableCall): string {
  const mac = macOf(key, call).toString('base64url');
  return [APPROVAL_TOKEN_VERSION, call.runId, call.expiresAtSeconds, mac].join('.');
}

const RUN_ID = /^[A-Za-z0-9-]{1,64}$/;
const SECONDS = /^\d{1,12}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

/** A token's fields, or undefined when it is not one of ours in form. */
export function readApprovalToken(token: string): ApprovalToken | undefined {
  const [version, runId, expiry, mac, ...rest] = token.split('.');
  if (version !== APPROVAL_TOKEN_VERSION || rest.length > 0) return undefined;
  if (!RUN_ID.test(runId ?? '') || !SECONDS.test(expiry ?? '') || !MAC.test(mac ?? ''))
    return undefined;
  return { runId, expiresAtSeconds: Number(expiry), mac: Buffer.from(mac, 'base64url') };
}

/** Whether one of `keys` made `token` for exactly this call (constant-time compare). */
export function approves(
  keys: readonly string[],
  token: ApprovalToken,
  call: Omit<ApprovableCall, 'runId' | 'expiresAtSeconds'>,
): boolean {
  const full = { ...call, runId: token.runId, expiresAtSeconds: token.expiresAtSeconds };
  return keys.some((key) => timingSafeEqual(macOf(key, full), token.mac));
}
