import type { FieldIssue } from '../../common/errors/execution-plane.error.js';

/** `{{vault.KEY}}` and `{{args.NAME}}` (PROTOCOL.md section 2, ToolSpec). */
const TEMPLATE = /\{\{\s*(vault|args)\.([A-Za-z0-9_-]+)\s*\}\}/g;
const WHOLE_TEMPLATE = /^\{\{\s*(vault|args)\.([A-Za-z0-9_-]+)\s*\}\}$/;

export interface TemplateValues {
  vault: Readonly<Record<string, string>>;
  args: Readonly<Record<string, unknown>>;
}

export interface TemplateReference {
  source: 'vault' | 'args';
  key: string;
}

/** Every template reference in a string, a list or an object's string leaves. */
export function templateReferences(value: unknown): TemplateReference[] {
  if (typeof value === 'string') {
    return [...value.matchAll(TEMPLATE)].map(([, source, key]) => ({
      source: source as 'vault' | 'args',
      key,
    }));
  }
  if (Array.isArray(value)) return value.flatMap(templateReferences);
  if (value && typeof value === 'object') return Object.values(value).flatMap(templateReferences);
  return [];
}

/** The `{{vault.KEY}}` keys in `value` (as templateReferences reads it) that `vault` lacks. */
export function unknownVaultKeys(
  value: unknown,
  vault: Readonly<Record<string, string>>,
): string[] {
  return templateReferences(value)
    .filter((reference) => reference.source === 'vault' && !Object.hasOwn(vault, reference.key))
    .map((reference) => reference.key);
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Renders one string. `encode` escapes substituted values (URL components); `consumed`
 * collects the argument names used, which then stay out of the query or body.
 */
export function renderString(
  template: string,
  values: TemplateValues,
  consumed: Set<string>,
  encode: (text: string) => string = (text) => text,
): string {
  return template.replace(TEMPLATE, (_match, source: string, key: string) => {
    if (source === 'args') consumed.add(key);
    const value = source === 'vault' ? values.vault[key] : values.args[key];
    return encode(stringify(value));
  });
}

/** Renders each header value template (HTTP plugins, MCP servers). */
export function renderHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  values: TemplateValues,
  consumed: Set<string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, template]) => [
      name,
      renderString(template, values, consumed),
    ]),
  );
}

/**
 * Renders a JSON body template. A string that is exactly one `{{args.NAME}}` takes the
 * argument's own JSON value (a number stays a number); other strings are rendered as text.
 */
export function renderJson(
  template: unknown,
  values: TemplateValues,
  consumed: Set<string>,
): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE_TEMPLATE.exec(template);
    if (whole?.[1] === 'args') {
      consumed.add(whole[2]);
      return values.args[whole[2]] ?? null;
    }
    return renderString(template, values, consumed);
  }
  if (Array.isArray(template)) return template.map((item) => renderJson(item, values, consumed));
  if (template && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).map(([key, item]) => [key, renderJson(item, values, consumed)]),
    );
  }
  return template;
}

/**
 * Why headers that may only use `{{vault.KEY}}` (a model's `extra_headers`, a webhook's)
 * cannot be rendered: a vault key the vault lacks, an `{{args.…}}` (there are no arguments).
 * Each issue names `<headersPath>.<header>`; `kind` says whose header it is.
 */
export function vaultHeaderIssues(
  headers: Record<string, string> | undefined,
  vault: Record<string, string>,
  headersPath: string,
  kind: string,
): FieldIssue[] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) => {
    const path = `${headersPath}.${name}`;
    const messages = unknownVaultKeys(value, vault).map((key) => `unknown vault key '${key}'`);
    if (templateReferences(value).some((reference) => reference.source === 'args'))
      messages.push(`only {{vault.KEY}} may be used in a ${kind} header`);
    return messages.map((message) => ({ path, message }));
  });
}
