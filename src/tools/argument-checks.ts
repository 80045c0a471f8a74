import { type FieldIssue, RequestError } from '../common/errors/execution-plane.error.js';
import { type ArgumentsCheck, compileArgumentsCheck } from './tool-arguments.validator.js';
import { ToolError } from './tool.error.js';
import type { JsonSchema, RunTool } from './tool.types.js';

/** Compiles a schema, or reports at `path` why it is not a valid JSON Schema. */
function compileSchema(schema: JsonSchema, path: string): ArgumentsCheck | FieldIssue {
  try {
    return compileArgumentsCheck(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid schema';
    return { path, message: `parameter_schema is not a valid JSON Schema: ${reason}` };
  }
}

/**
 * Why `schema` is not a valid JSON Schema, as issues at `path` (none when it compiles). The
 * compiled check is cached (tool-arguments.validator.ts), so opening the tool later does not
 * compile it again.
 */
export function schemaIssues(schema: JsonSchema, path: string): FieldIssue[] {
  const check = compileSchema(schema, path);
  return typeof check === 'function' ? [] : [check];
}

/** 400 invalid_tool listing every issue. */
export const invalidTools = (issues: FieldIssue[]) =>
  new RequestError(
    'invalid_tool',
    `Invalid tools: ${issues.map((issue) => issue.message).join('; ')}`,
    issues,
  );

/** A tool to offer, the schemas its arguments must meet, and where those come from. */
export interface ToolToCheck {
  tool: RunTool;
  schemas: JsonSchema[];
  path: string;
}

/** Every tool with its argument checks (checkedTool), or invalid_tool for all bad schemas. */
export function checkedTools(tools: ToolToCheck[]): RunTool[] {
  const checked = tools.map(checkedTool);
  const issues = checked.filter((entry) => Array.isArray(entry)).flat();
  if (issues.length > 0) throw invalidTools(issues);
  return checked as RunTool[];
}

/**
 * The tool with its arguments checked against each of `schemas` (compiled once, for the
 * run) before every call; a failed check goes back to the model as invalid_arguments. A
 * schema that does not compile is an issue at `path` instead.
 */
function checkedTool({ tool, schemas, path }: ToolToCheck): RunTool | FieldIssue[] {
  const compiled = [...new Set(schemas)].map((schema) => compileSchema(schema, path));
  const issues = compiled.filter((check): check is FieldIssue => typeof check !== 'function');
  if (issues.length > 0) return issues;
  const checks = compiled as ArgumentsCheck[];
  return {
    ...tool,
    execute: (args, context) => {
      const reasons = checks.map((check) => check(args)).filter(Boolean);
      if (reasons.length > 0)
        return Promise.reject(
          new ToolError('invalid_arguments', `Invalid arguments: ${reasons.join('; ')}`),
        );
      return tool.execute(args, context);
    },
  };
}
