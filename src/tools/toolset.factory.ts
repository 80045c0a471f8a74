import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import { RequestError } from '../common/errors/execution-plane.error.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import { HttpToolExecutor } from './http/http-tool.executor.js';
import { templateReferences } from './http/plugin-template.js';
import { NativeToolRegistry } from './native/native-tool.registry.js';
import type { RunTool } from './tool.types.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** The problems of one HTTP spec that can be seen before any call: URL and vault keys. */
function httpSpecIssues(
  spec: ToolSpecDto,
  path: string,
  vault: Record<string, string>,
): FieldIssue[] {
  const execution = spec.execution_config;
  if (!execution) return [];
  const issues: FieldIssue[] = [];
  // Templates are replaced by a placeholder so the URL's shape can be checked up front.
  const shape = execution.url.replace(/\{\{[^}]*\}\}/g, 'x');
  let url: URL | undefined;
  try {
    url = new URL(shape);
  } catch {
    issues.push({
      path: `${path}.execution_config.url`,
      message: 'url must be an absolute http or https URL',
    });
  }
  if (url && !ALLOWED_PROTOCOLS.has(url.protocol)) {
    issues.push({ path: `${path}.execution_config.url`, message: 'url must use http or https' });
  }
  if (url && (url.username || url.password)) {
    issues.push({
      path: `${path}.execution_config.url`,
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
    if (!Object.hasOwn(vault, key)) {
      issues.push({ path: `${path}.execution_config`, message: `unknown vault key '${key}'` });
    }
  }
  return issues;
}

/**
 * Resolves `runtime_config.tools` into the run's tools, or refuses the payload with
 * 400 invalid_tool (unknown native tool, duplicate name, bad URL, unknown vault key).
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
    const issues = specs.flatMap((spec, index) => this.specIssues(specs, spec, index, vault));
    if (issues.length > 0) {
      throw new RequestError(
        'invalid_tool',
        `Invalid tools: ${issues.map((issue) => issue.message).join('; ')}`,
        issues,
      );
    }
    return specs.map((spec) =>
      spec.type === 'NATIVE' ? this.native(spec) : this.http.toRunTool(spec, vault),
    );
  }

  private specIssues(
    specs: ToolSpecDto[],
    spec: ToolSpecDto,
    index: number,
    vault: Record<string, string>,
  ): FieldIssue[] {
    const path = `runtime_config.tools[${index}]`;
    const issues: FieldIssue[] = [];
    if (specs.findIndex((other) => other.name === spec.name) !== index) {
      issues.push({ path: `${path}.name`, message: `duplicate tool name '${spec.name}'` });
    }
    if (spec.type === 'NATIVE' && !this.natives.find(spec.name)) {
      const known = this.natives
        .list()
        .map((tool) => tool.name)
        .join(', ');
      issues.push({
        path: `${path}.name`,
        message: `unknown native tool '${spec.name}' (known: ${known})`,
      });
    }
    return spec.type === 'HTTP' ? [...issues, ...httpSpecIssues(spec, path, vault)] : issues;
  }

  private native(spec: ToolSpecDto): RunTool {
    const tool = this.natives.find(spec.name);
    if (!tool) throw new Error(`native tool ${spec.name} vanished`);
    return {
      name: tool.name,
      description: spec.description ?? tool.description,
      type: 'NATIVE',
      parameters: spec.parameter_schema ?? tool.parameters,
      execute: (args, context) => tool.execute(args, context),
    };
  }
}
