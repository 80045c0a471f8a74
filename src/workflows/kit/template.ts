import Mustache from 'mustache';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import { referenceIssue, type ReferenceScope } from './state-reference.js';

/** Longest text one rendering may produce (sections over long lists included). */
export const MAX_RENDERED_TEMPLATE_CHARS = 256 * 1024;

/** A template parsed once (when its graph is compiled), rendered on every visit. */
export interface ParsedTemplate {
  readonly source: string;
  readonly tokens: Mustache.TemplateSpans;
}

/** Thrown when a rendering would pass MAX_RENDERED_TEMPLATE_CHARS. */
export class TemplateTooLongError extends Error {
  override readonly name = 'TemplateTooLongError';
}

interface BudgetedOptions extends Mustache.RenderOptions {
  rendered: { chars: number };
}

/**
 * Mustache's writer with two changes: no template cache (a payload's templates would fill
 * it without bound; ours are parsed once per compiled graph), and a budget on what one
 * rendering produces, counted as each section item is rendered, so a section over a long
 * list stops early instead of building a huge string.
 */
class BoundedWriter extends Mustache.Writer {
  constructor() {
    super();
    (this as { templateCache?: unknown }).templateCache = undefined;
  }

  override renderTokens(
    tokens: string[][],
    context: Mustache.Context,
    partials?: Mustache.PartialsOrLookupFn,
    originalTemplate?: string,
    config?: Mustache.RenderOptions,
  ): string {
    const text = super.renderTokens(tokens, context, partials, originalTemplate, config);
    const budget = (config as BudgetedOptions).rendered;
    budget.chars += text.length;
    if (budget.chars > MAX_RENDERED_TEMPLATE_CHARS)
      throw new TemplateTooLongError(
        `the rendered text passed ${MAX_RENDERED_TEMPLATE_CHARS} characters`,
      );
    return text;
  }
}

const writer = new BoundedWriter();

/** Values are never HTML-escaped: strings go in as they are, anything else as JSON. */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** Parses `source` (Mustache syntax); throws with Mustache's reason when it is not valid. */
export function parseTemplate(source: string): ParsedTemplate {
  return { source, tokens: writer.parse(source) };
}

/** Mustache token types we refuse: partials (none exist) and unescaped values (`{{{x}}}`). */
const REFUSED_TOKENS: Record<string, string> = {
  '>': 'partials ({{> name}}) are not supported',
  '&': 'triple braces are not needed: values are never HTML-escaped',
};

function tokenIssues(tokens: Mustache.TemplateSpans, path: string, scope: ReferenceScope) {
  const issues: FieldIssue[] = [];
  for (const token of tokens as unknown as unknown[][]) {
    const [type, name, , , children] = token as [string, string, number, number, unknown];
    const refused = REFUSED_TOKENS[type];
    if (refused) issues.push({ path, message: refused });
    if (type === 'name' || type === '#' || type === '^') {
      const issue = referenceIssue(name, scope);
      if (issue) issues.push({ path, message: issue });
    }
    if (Array.isArray(children) && (type === '#' || type === '^'))
      // Inside a section, names are the item's own first: only the unsafe ones are refused.
      issues.push(
        ...tokenIssues(children as Mustache.TemplateSpans, path, { ...scope, item: true }),
      );
  }
  return issues;
}

/**
 * What is wrong with a template: its syntax, or a name that is neither `state.<declared
 * key>` nor `variables.<name>` (inside a section, the item's own fields too).
 */
export function templateIssues(source: string, path: string, scope: ReferenceScope): FieldIssue[] {
  let parsed: ParsedTemplate;
  try {
    parsed = parseTemplate(source);
  } catch (error) {
    return [{ path, message: `not a valid template: ${(error as Error).message}` }];
  }
  return tokenIssues(parsed.tokens, path, scope);
}

/** Renders a parsed template over `view` (`{state, variables}`). */
export function renderTemplate(template: ParsedTemplate, view: object): string {
  const options: BudgetedOptions = { escape: asText, rendered: { chars: 0 } };
  return writer.renderTokens(
    template.tokens as unknown as string[][],
    new Mustache.Context(view),
    undefined,
    template.source,
    options,
  );
}

const WHOLE_VALUE = /^\{\{\s*([^\s{}#^/!>&=][^\s{}]*)\s*\}\}$/;

/**
 * A template that is exactly one `{{name}}` gives the value itself (a number stays a
 * number, an object an object: how tool arguments keep their types); any other renders to
 * text.
 */
export function renderValue(template: ParsedTemplate, view: object): unknown {
  const whole = WHOLE_VALUE.exec(template.source);
  if (!whole) return renderTemplate(template, view);
  return (new Mustache.Context(view).lookup(whole[1]) as unknown) ?? null;
}
