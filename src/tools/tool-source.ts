import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import type { ToolType } from '../common/run-events/run-event.types.js';
import type { ToolSpecOf } from '../payload/dto/tool-spec.dto.js';
import type { RunTool } from './tool.types.js';

/** Where a spec sits in the payload and the run's vault, for checks and templates. */
export interface SpecPlace {
  /** `runtime_config.tools[i]`: issues name their field below it. */
  path: string;
  vault: Record<string, string>;
}

/** What one spec gives a run: its tools, and what to release when the run ends. */
export interface OpenedTools {
  tools: RunTool[];
  close(): Promise<void>;
}

export const NOTHING_TO_CLOSE = (): Promise<void> => Promise.resolve();

/**
 * Port: one tool type (`runtime_config.tools[].type`). ToolsetFactory finds every provider
 * that extends it (ToolSourceRegistry), checks each spec of its type with `issues` before any
 * is opened, then `open`s them all. Adding a tool type is one such provider; see
 * docs/extending.md.
 */
export abstract class ToolSource<T extends ToolType = ToolType> {
  abstract readonly type: T;

  /** The spec's problems that show without any I/O (400 invalid_tool), or none. */
  abstract issues(spec: ToolSpecOf<T>, place: SpecPlace): FieldIssue[];

  /**
   * The spec's tools for one run, arguments checked against their schemas before each call;
   * throws a RequestError (e.g. 502 tool_unavailable) when they cannot be had. `signal`
   * fires when the client leaves before the stream starts.
   */
  abstract open(spec: ToolSpecOf<T>, place: SpecPlace, signal: AbortSignal): Promise<OpenedTools>;
}
