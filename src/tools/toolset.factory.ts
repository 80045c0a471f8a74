import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import { RequestError } from '../common/errors/execution-plane.error.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import { HttpToolExecutor } from './http/http-tool.executor.js';
import { McpToolSource, type McpTools } from './mcp/mcp-tool.source.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import type { ArgumentsCheck } from './tool-arguments.validator.js';
import {
  compileSchema,
  httpSpecIssues,
  logTargetOf,
  misplacedFieldIssues,
} from './tool-spec.checks.js';
import { ToolError } from './tool.error.js';
import type { RunTool } from './tool.types.js';

/** A run's tools, and what to release when the run ends (MCP sessions). */
export interface Toolset {
  tools: RunTool[];
  close(): Promise<void>;
}

interface ResolvedSpec {
  tool?: RunTool;
  checks: ArgumentsCheck[];
  issues: FieldIssue[];
}

const invalidTools = (issues: FieldIssue[]) =>
  new RequestError(
    'invalid_tool',
    `Invalid tools: ${issues.map((issue) => issue.message).join('; ')}`,
    issues,
  );

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

/** Compiles each tool's own schema; a schema that does not compile is reported at `path`. */
function checkedTools(tools: RunTool[], path: string, issues: FieldIssue[]): RunTool[] {
  return tools.map((tool) => {
    const compiled = compileSchema(tool.parameters, `${path} (${tool.name})`);
    if (typeof compiled === 'function') return withArgumentChecks(tool, [compiled]);
    issues.push(compiled);
    return tool;
  });
}

/**
 * Resolves `runtime_config.tools` into the run's tools, each with its argument schema
 * compiled once for the run, or refuses the payload with 400 invalid_tool (unknown native
 * tool, duplicate name, invalid JSON Schema, bad URL, unknown vault key) or 502
 * tool_unavailable (an MCP server that cannot be listed).
 */
@Injectable()
export class ToolsetFactory {
  constructor(
    private readonly natives: NativeToolRegistry,
    private readonly http: HttpToolExecutor,
    private readonly mcp: McpToolSource,
  ) {}

  async resolve(runtime: RuntimeConfigDto, signal: AbortSignal): Promise<Toolset> {
    const specs = runtime.tools ?? [];
    const vault = runtime.vault ?? {};
    const resolved = specs.map((spec, index) => this.resolveSpec(specs, spec, index, vault));
    const issues = resolved.flatMap((entry) => entry.issues);
    if (issues.length > 0) throw invalidTools(issues);
    const servers = await this.openMcpServers(specs, vault, signal);
    const close = async () => {
      await Promise.all([...servers.values()].map((server) => server.close()));
    };
    try {
      const tools = resolved.flatMap(({ tool, checks }, index) => {
        const server = servers.get(index);
        const path = `runtime_config.tools[${index}]`;
        return server
          ? checkedTools(server.tools, path, issues)
          : [withArgumentChecks(tool as RunTool, checks)];
      });
      const names = tools.map((tool) => tool.name);
      if (names.some((name, index) => names.indexOf(name) !== index))
        issues.push({
          path: 'runtime_config.tools',
          // Names come from the payload (and MCP servers) and may equal a secret: never quoted.
          message: 'two tools would be offered to the model under the same name',
        });
      if (issues.length > 0) throw invalidTools(issues);
      return { tools, close };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** Every MCP spec's server, connected in parallel; one failure closes the others. */
  private async openMcpServers(
    specs: ToolSpecDto[],
    vault: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Map<number, McpTools>> {
    const indexes = specs.flatMap((spec, index) => (spec.type === 'MCP' ? [index] : []));
    const opened = await Promise.allSettled(
      indexes.map((index) =>
        this.mcp.open(specs[index], vault, `runtime_config.tools[${index}]`, signal),
      ),
    );
    const servers = new Map<number, McpTools>();
    opened.forEach((result, position) => {
      if (result.status === 'fulfilled') servers.set(indexes[position], result.value);
    });
    const failure = opened.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all([...servers.values()].map((server) => server.close()));
      throw failure.reason;
    }
    return servers;
  }

  private resolveSpec(
    specs: ToolSpecDto[],
    spec: ToolSpecDto,
    index: number,
    vault: Record<string, string>,
  ): ResolvedSpec {
    const path = `runtime_config.tools[${index}]`;
    const issues: FieldIssue[] = [...misplacedFieldIssues(spec, path)];
    if (specs.findIndex((other) => other.name === spec.name) !== index) {
      issues.push({ path: `${path}.name`, message: 'duplicate tool name' });
    }
    if (spec.type === 'MCP') {
      issues.push(...httpSpecIssues(spec, path, vault));
      return { checks: [], issues };
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
        message: `unknown native tool (known: ${known})`,
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
