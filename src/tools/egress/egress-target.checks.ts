import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { unknownVaultKeys } from './request-template.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Why `url` cannot be an egress target (a tool server, a webhook): not an absolute http(s)
 * URL, or one carrying credentials. Each issue names `urlPath`.
 */
export function egressUrlIssues(url: string, urlPath: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
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
  return issues;
}

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
  // Templates are replaced by a placeholder so the URL's shape can be checked up front.
  const shape = url.replace(/\{\{[^}]*\}\}/g, 'x');
  const issues = egressUrlIssues(shape, `${place.path}.execution_config.url`);
  for (const key of unknownVaultKeys([url, ...templates], place.vault))
    issues.push({ path: `${place.path}.execution_config`, message: `unknown vault key '${key}'` });
  return issues;
}
