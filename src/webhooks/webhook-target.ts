import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { WebhookDto } from '../payload/dto/webhook.dto.js';
import {
  renderHeaders,
  templateReferences,
  unknownVaultKeys,
} from '../tools/egress/request-template.js';

/** Where one run's webhook goes: its URL and headers, vault values in. */
export interface WebhookTarget {
  url: string;
  headers: Record<string, string>;
}

const PATH = 'runtime_config.webhook';

function urlIssues(url: string): FieldIssue[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [{ path: `${PATH}.url`, message: 'url must be an absolute http or https URL' }];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return [{ path: `${PATH}.url`, message: 'url must use http or https' }];
  if (parsed.username || parsed.password)
    return [
      { path: `${PATH}.url`, message: 'url must not carry credentials; use headers and the vault' },
    ];
  return [];
}

/**
 * Why a webhook cannot be sent, before the run starts: a URL that is not plain http(s), a
 * header naming an unknown vault key or an `{{args.…}}`. Whether its address may be reached
 * is the network policy's, at delivery.
 */
export function webhookIssues(webhook: WebhookDto, vault: Record<string, string>): FieldIssue[] {
  const headerIssues = Object.entries(webhook.headers ?? {}).flatMap(([name, value]) => {
    const path = `${PATH}.headers.${name}`;
    const issues = unknownVaultKeys(value, vault).map((key) => ({
      path,
      message: `unknown vault key '${key}'`,
    }));
    if (templateReferences(value).some((reference) => reference.source === 'args'))
      issues.push({ path, message: 'only {{vault.KEY}} may be used in a webhook header' });
    return issues;
  });
  return [...urlIssues(webhook.url), ...headerIssues];
}

/** The webhook with its headers rendered; for one without webhookIssues. */
export function webhookTargetOf(webhook: WebhookDto, vault: Record<string, string>): WebhookTarget {
  return {
    url: webhook.url,
    headers: renderHeaders(webhook.headers, { vault, args: {} }, new Set()),
  };
}
