import type { Context } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { SecretRedactor } from '../common/redaction/secret-redactor.js';
import type { ToolType } from '../common/run-events/run-event.types.js';

export type JsonSchema = Record<string, unknown>;

/** What a tool gets for one call: cancel with `signal`, log with `logger` (trace-bound). */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly traceId: string;
  readonly runId: string;
  readonly logger: Logger;
  /** Trace lines, silent unless LOG_TRACE_ENABLED. */
  readonly trace: Logger;
  /** Masks the run's credentials, in every spelling, out of what the model sees. */
  readonly redactor: SecretRedactor;
  /**
   * Whether one more tool call may start (runtime_config.budget.max_tool_calls); once one
   * is refused, the run stops after the calls already started.
   */
  admitCall(): boolean;
  /** The run's span context (tool spans start from it) and whether spans carry contents. */
  readonly telemetry: { readonly context: Context; readonly captureContent: boolean };
}

/** A tool as one run offers it to the model: native, HTTP or MCP, already resolved. */
export interface RunTool {
  readonly name: string;
  readonly description: string;
  readonly type: ToolType;
  readonly parameters: JsonSchema;
  /**
   * Whether its calls wait for a person's approval (docs/human-in-the-loop.md): the spec's
   * `requires_approval`, else the payload's default; an MCP server's
   * `approval_required_tools` set it per tool.
   */
  readonly requiresApproval?: boolean;
  /** What trace lines name as the call's target: an HTTP plugin's origin and path template. */
  readonly logTarget?: string;
  /** Resolves with the result the model sees; throws a ToolError for a failure it should see. */
  execute(args: Record<string, unknown>, context: ToolContext): Promise<unknown>;
}
