import type { Logger } from 'pino';
import type { ToolType } from '../common/run-events/run-event.types.js';

export type JsonSchema = Record<string, unknown>;

/** What a tool gets for one call: cancel with `signal`, log with `logger` (trace-bound). */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly traceId: string;
  readonly runId: string;
  readonly logger: Logger;
}

/** A tool as one run offers it to the model: native or HTTP, already resolved. */
export interface RunTool {
  readonly name: string;
  readonly description: string;
  readonly type: ToolType;
  readonly parameters: JsonSchema;
  /** Resolves with the result the model sees; throws a ToolError for a failure it should see. */
  execute(args: Record<string, unknown>, context: ToolContext): Promise<unknown>;
}
