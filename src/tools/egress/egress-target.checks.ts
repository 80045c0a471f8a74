import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { unknownVaultKeys } from './request-template.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The problems of a tool server's execution_config that show before any call: a URL that
 * is not absolute http(s) or carries credentials, a `{{vault.KEY}}` the vault lacks.
 * `templates` are the config's fields that may hold templates.
 */
export function egressTargetIssues(
  url: string,
  templates: unknown[],
  place: { path: string; vault: Record<string, string> },
): FieldIssue[] {
  const urlPath = `${place.path}.execution_config.url`;
  const issues: FieldIssue[] = [];
  let parsed: URL | undefined;
  try {
    // Templates are replaced by a placeholder so the URL's shape can be checked up front.
    parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x'));
  } catch {
    issues.push({ path: urlPath, message: 'url must be an absolute http or https URL' });
  }
  if (parsed && !ALLOWED_PROTOCOLS.has(parsed.protocol))
    issues.push({ path: urlPath, message: 'url must use http or https' });
  if (parsed && (parsed.username || parsed.password)) {
    issues.push({
      path: urlPath,
      message: 'url must not carry credentials; use headers and the vault',
    });
  }
  for (const key of unknownVaultKeys([url, ...templates], place.vault))
    issues.push({ path: `${place.path}.execution_config`, message: `unknown vault key '${key}'` });
  return issues;
}
