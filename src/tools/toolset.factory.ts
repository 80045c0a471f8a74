import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import { invalidTools } from './argument-checks.js';
import type { OpenedTools, SpecPlace } from './tool-source.js';
import { ToolSourceRegistry } from './tool-source.registry.js';
import type { RunTool } from './tool.types.js';

/** A run's tools, and what to release when the run ends (MCP sessions). */
export interface Toolset {
  tools: RunTool[];
  close(): Promise<void>;
}

const closeAll = async (opened: OpenedTools[]) => {
  await Promise.all(opened.map((entry) => entry.close()));
};

/** A later spec with an earlier one's name. Names may equal a secret: never quoted. */
function duplicateNameIssues(specs: ToolSpecDto[], index: number): FieldIssue[] {
  const first = specs.findIndex((other) => other.name === specs[index].name);
  return first === index
    ? []
    : [{ path: `runtime_config.tools[${index}].name`, message: 'duplicate tool name' }];
}

/**
 * A tool with whether its calls need approval: set per tool by its source (an MCP server's
 * `approval_required_tools`), else by its spec, else by the payload's default.
 */
function withApproval(tool: RunTool, spec: ToolSpecDto, byDefault: boolean): RunTool {
  const requiresApproval = tool.requiresApproval === true || (spec.requires_approval ?? byDefault);
  return requiresApproval === (tool.requiresApproval ?? false)
    ? tool
    : { ...tool, requiresApproval };
}

/**
 * Resolves `runtime_config.tools` into the run's tools with their tool sources (one per
 * type, ToolSourceRegistry): every spec is checked first, so a payload with any problem is
 * refused (400 invalid_tool) before a server is contacted; then all are opened in parallel,
 * and one failure (e.g. 502 tool_unavailable) closes what the others opened.
 */
@Injectable()
export class ToolsetFactory {
  constructor(private readonly sources: ToolSourceRegistry) {}

  async resolve(runtime: RuntimeConfigDto, signal: AbortSignal): Promise<Toolset> {
    const specs = runtime.tools ?? [];
    const vault = runtime.vault ?? {};
    const places = specs.map((_, index) => ({ path: `runtime_config.tools[${index}]`, vault }));
    const issues = specs.flatMap((spec, index) => [
      ...duplicateNameIssues(specs, index),
      ...this.sources.get(spec.type).issues(spec, places[index]),
    ]);
    if (issues.length > 0) throw invalidTools(issues);
    const opened = await this.openAll(specs, places, signal);
    const byDefault = runtime.approval?.required_by_default ?? false;
    const tools = opened.flatMap((entry, index) =>
      entry.tools.map((tool) => withApproval(tool, specs[index], byDefault)),
    );
    const names = tools.map((tool) => tool.name);
    if (names.some((name, index) => names.indexOf(name) !== index)) {
      await closeAll(opened);
      throw invalidTools([
        {
          path: 'runtime_config.tools',
          message: 'two tools would be offered to the model under the same name',
        },
      ]);
    }
    return { tools, close: () => closeAll(opened) };
  }

  private async openAll(
    specs: ToolSpecDto[],
    places: SpecPlace[],
    signal: AbortSignal,
  ): Promise<OpenedTools[]> {
    const settled = await Promise.allSettled(
      specs.map((spec, index) => this.sources.get(spec.type).open(spec, places[index], signal)),
    );
    const opened = settled.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) {
      await closeAll(opened);
      throw failure.reason;
    }
    return opened;
  }
}
