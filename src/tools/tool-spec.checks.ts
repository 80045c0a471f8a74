import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import { templateReferences } from './http/plugin-template.js';
import { type ArgumentsCheck, compileArgumentsCheck } from './tool-arguments.validator.js';
import type { JsonSchema } from './tool.types.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** The URL and vault problems of an HTTP spec that show before any call. */
export function httpSpecIssues(
  spec: ToolSpecDto,
  path: string,
  vault: Record<string, string>,
): FieldIssue[] {
  const execution = spec.execution_config;
  if (!execution) return [];
  const urlPath = `${path}.execution_config.url`;
  const issues: FieldIssue[] = [];
  let url: URL | undefined;
  try {
    // Templates are replaced by a placeholder so the URL's shape can be checked up front.
    url = new URL(execution.url.replace(/\{\{[^}]*\}\}/g, 'x'));
  } catch {
    issues.push({ path: urlPath, message: 'url must be an absolute http or https URL' });
  }
  if (url && !ALLOWED_PROTOCOLS.has(url.protocol))
    issues.push({ path: urlPath, message: 'url must use http or https' });
  if (url && (url.username || url.password)) {
    issues.push({
      path: urlPath,
      message: 'url must not carry credentials; use headers and the vault',
    });
  }
  const references = templateReferences([
    execution.url,
    execution.headers,
    execution.query,
    execution.body,
  ]);
  for (const { key } of references.filter((reference) => reference.source === 'vault')) {
    if (!Object.hasOwn(vault, key))
      issues.push({ path: `${path}.execution_config`, message: `unknown vault key '${key}'` });
  }
  return issues;
}

/** Compiles a schema, or reports why it is not a valid JSON Schema. */
export function compileSchema(schema: JsonSchema, path: string): ArgumentsCheck | FieldIssue {
  try {
    return compileArgumentsCheck(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid schema';
    return { path, message: `parameter_schema is not a valid JSON Schema: ${reason}` };
  }
}

/** `https://host/path/{{args.id}}` as trace lines may show it: origin and path, no query. */
export function logTargetOf(urlTemplate: string): string {
  const withoutQuery = urlTemplate.split(/[?#]/)[0];
  return withoutQuery.replace(/\/\/[^/@]*@/, '//');
}

/** Fields of an execution_config that the spec's type does not use: a sign of a mix-up. */
export function misplacedFieldIssues(spec: ToolSpecDto, path: string): FieldIssue[] {
  const execution = spec.execution_config;
  if (!execution) return [];
  const unused =
    spec.type === 'MCP' ? (['method', 'query', 'body'] as const) : (['allowed_tools'] as const);
  return unused
    .filter((field) => execution[field] !== undefined)
    .map((field) => ({
      path: `${path}.execution_config.${field}`,
      message: `${field} is not used by ${spec.type} tools`,
    }));
}
