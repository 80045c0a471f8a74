import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { approvalConfig } from '../config/approval.config.js';
import { approves, readApprovalToken, signApproval } from './approval-token.js';

/** A tool call as the signer sees it: the run that paused at it, its id, name, arguments. */
export interface CallToApprove {
  runId: string;
  toolCallId: string;
  toolName: string;
  arguments: unknown;
}

/** Why a token does not approve its call; each is one `invalid_approval` reason. */
export type TokenVerdict = 'valid' | 'malformed' | 'expired' | 'mismatch';

/**
 * Signs and verifies approval tokens with APPROVAL_SIGNING_KEYS: the first key signs, every
 * key verifies, so a key can be rotated out while the tokens it signed expire.
 */
@Injectable()
export class ApprovalSigner {
  constructor(
    @Inject(approvalConfig.KEY) private readonly config: ConfigType<typeof approvalConfig>,
  ) {}

  /** Whether approvals can be asked for at all (a signing key is configured). */
  get enabled(): boolean {
    return this.config.signingKeys.length > 0;
  }

  sign(call: CallToApprove, now = Date.now()): { token: string; expiresAt: Date } {
    const expiresAtSeconds = Math.floor((now + this.config.ttlMs) / 1000);
    const token = signApproval(this.config.signingKeys[0], { ...call, expiresAtSeconds });
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** Whether `token` approves this call now; the call's run id comes from the token. */
  verify(
    token: string,
    call: Omit<CallToApprove, 'runId'>,
    now = Date.now(),
  ): { verdict: TokenVerdict; expiresAtMs?: number } {
    const read = readApprovalToken(token);
    if (!read) return { verdict: 'malformed' };
    const expiresAtMs = read.expiresAtSeconds * 1000;
    if (!approves(this.config.signingKeys, read, call)) return { verdict: 'mismatch' };
    return { verdict: expiresAtMs <= now ? 'expired' : 'valid', expiresAtMs };
  }
}

/** What the run store keeps of a used token: its digest, never the token. */
export const usedTokenKey = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
