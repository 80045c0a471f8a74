import {
  parseTemplate,
  renderTemplate,
  renderValue,
  type ParsedTemplate,
  templateIssues,
  TemplateTooLongError,
} from '../template.js';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import type { ReferenceScope } from '../state-reference.js';
import { graphRuntimeError } from './graph-runtime.error.js';
import type { NodeVisit } from './graph-node.js';

function rendering<T>(visit: NodeVisit, render: () => T): T {
  try {
    return render();
  } catch (error) {
    // Neither reason quotes the data: Mustache's lookups do not throw on it, the length error says the limit.
    const reason = error instanceof TemplateTooLongError ? error.message : 'its template failed';
    throw graphRuntimeError(visit.id, reason);
  }
}

const viewOf = (visit: NodeVisit) => ({ state: visit.state, variables: visit.variables });

/** A node's template rendered over the visit's state and variables (graph_runtime_error on failure). */
export function renderIn(visit: NodeVisit, template: ParsedTemplate): string {
  return rendering(visit, () => renderTemplate(template, viewOf(visit)));
}

/** A JSON value whose strings are templates (a tool node's arguments), parsed once. */
export class TemplatedValue {
  private readonly templates = new Map<string, ParsedTemplate>();

  constructor(private readonly value: unknown) {
    this.collect(value);
  }

  private collect(value: unknown): void {
    if (typeof value === 'string') this.templates.set(value, parseTemplate(value));
    else if (Array.isArray(value)) value.forEach((item) => this.collect(item));
    else if (value && typeof value === 'object')
      Object.values(value).forEach((item) => this.collect(item));
  }

  private renderOne(value: unknown, view: object): unknown {
    if (typeof value === 'string')
      return renderValue(this.templates.get(value) as ParsedTemplate, view);
    if (Array.isArray(value)) return value.map((item) => this.renderOne(item, view));
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, this.renderOne(item, view)]),
      );
    return value;
  }

  /** The value with each string rendered (renderValue: `"{{state.n}}"` keeps its type). */
  render(visit: NodeVisit): unknown {
    return rendering(visit, () => this.renderOne(this.value, viewOf(visit)));
  }
}

/** The template issues of every string in `value`, each at its own path (`args.city`). */
export function templatedValueIssues(
  value: unknown,
  path: string,
  scope: ReferenceScope,
): FieldIssue[] {
  if (typeof value === 'string') return templateIssues(value, path, scope);
  if (Array.isArray(value))
    return value.flatMap((item, index) => templatedValueIssues(item, `${path}[${index}]`, scope));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      templatedValueIssues(item, `${path}.${key}`, scope),
    );
  return [];
}
