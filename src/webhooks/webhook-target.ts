import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { WebhookDto } from '../payload/dto/webhook.dto.js';
import { egressUrlIssues } from '../tools/egress/egress-target.checks.js';
import { renderHeaders, vaultHeaderIssues } from '../tools/egress/request-template.js';

/** Where one run's webhook goes: its URL and headers, vault values in. */
export interface WebhookTarget {
  url: string;
  headers: Record<string, string>;
}

const PATH = 'runtime_config.webhook';

/**
 * Why a webhook cannot be sent, before the run starts: a URL that is not plain http(s), a
 * header naming an unknown vault key or an `{{args.…}}`. Whether its address may be reached
 * is the network policy's, at delivery.
 */
export function webhookIssues(webhook: WebhookDto, vault: Record<string, string>): FieldIssue[] {
  return [
    ...egressUrlIssues(webhook.url, `${PATH}.url`),
    ...vaultHeaderIssues(webhook.headers, vault, `${PATH}.headers`, 'webhook'),
  ];
}

/** The webhook with its headers rendered; for one without webhookIssues. */
export function webhookTargetOf(webhook: WebhookDto, vault: Record<string, string>): WebhookTarget {
  return {
    url: webhook.url,
    headers: renderHeaders(webhook.headers, { vault, args: {} }, new Set()),
  };
}
