import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import { RequestError } from '../common/errors/execution-plane.error.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import { HttpToolExecutor } from './http/http-tool.executor.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import type { ArgumentsCheck } from './tool-arguments.validator.js';
import { compileSchema, httpSpecIssues, logTargetOf } from './tool-spec.checks.js';
import { ToolError } from './tool.error.js';
import type { RunTool } from './tool.types.js';

interface ResolvedSpec {
  tool?: RunTool;
  checks: ArgumentsCheck[];
  issues: FieldIssue[];
}

/** The tool with its arguments checked before every call; a failure goes back to the model. */
function withArgumentChecks(tool: RunTool, checks: ArgumentsCheck[]): RunTool {
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

/**
 * Resolves `runtime_config.tools` into the run's tools, each with its argument schema
 * compiled once for the run, or refuses the payload with 400 invalid_tool (unknown native
 * tool, duplicate name, invalid JSON Schema, bad URL, unknown vault key).
 */
@Injectable()
export class ToolsetFactory {
  constructor(
    private readonly natives: NativeToolRegistry,
    private readonly http: HttpToolExecutor,
  ) {}

  resolve(runtime: RuntimeConfigDto): RunTool[] {
    const specs = runtime.tools ?? [];
    const vault = runtime.vault ?? {};
    const resolved = specs.map((spec, index) => this.resolveSpec(specs, spec, index, vault));
    const issues = resolved.flatMap((entry) => entry.issues);
    if (issues.length > 0) {
      throw new RequestError(
        'invalid_tool',
        `Invalid tools: ${issues.map((issue) => issue.message).join('; ')}`,
        issues,
      );
    }
    return resolved.map(({ tool, checks }) => withArgumentChecks(tool as RunTool, checks));
  }

  private resolveSpec(
    specs: ToolSpecDto[],
    spec: ToolSpecDto,
    index: number,
    vault: Record<string, string>,
  ): ResolvedSpec {
    const path = `runtime_config.tools[${index}]`;
    const issues: FieldIssue[] = [];
    if (specs.findIndex((other) => other.name === spec.name) !== index) {
      issues.push({ path: `${path}.name`, message: `duplicate tool name '${spec.name}'` });
    }
    const tool =
      spec.type === 'NATIVE'
        ? this.native(spec, path, issues)
        : this.httpTool(spec, path, vault, issues);
    // A native tool always checks its own schema too: a payload override must not let
    // arguments through that its code does not expect.
    const schemas = [
      tool?.parameters,
      spec.type === 'NATIVE' ? this.natives.find(spec.name)?.parameters : undefined,
    ];
    const checks: ArgumentsCheck[] = [];
    for (const schema of new Set(schemas.filter((item) => item !== undefined))) {
      const compiled = compileSchema(schema, `${path}.parameter_schema`);
      if (typeof compiled === 'function') checks.push(compiled);
      else issues.push(compiled);
    }
    return { tool, checks, issues };
  }

  private native(spec: ToolSpecDto, path: string, issues: FieldIssue[]): RunTool | undefined {
    const tool = this.natives.find(spec.name);
    if (!tool) {
      const known = this.natives
        .list()
        .map((info) => info.name)
        .join(', ');
      issues.push({
        path: `${path}.name`,
        message: `unknown native tool '${spec.name}' (known: ${known})`,
      });
      return undefined;
    }
    return {
      name: tool.name,
      description: spec.description ?? tool.description,
      type: 'NATIVE',
      parameters: spec.parameter_schema ?? tool.parameters,
      execute: (args, context) => tool.execute(args, context),
    };
  }

  private httpTool(
    spec: ToolSpecDto,
    path: string,
    vault: Record<string, string>,
    issues: FieldIssue[],
  ): RunTool | undefined {
    const specIssues = httpSpecIssues(spec, path, vault);
    issues.push(...specIssues);
    if (specIssues.length > 0 || !spec.execution_config) return undefined;
    return {
      ...this.http.toRunTool(spec, vault),
      logTarget: logTargetOf(spec.execution_config.url),
    };
  }
}
