/** Why a tool call failed. Tool failures go back to the model; they never end a run. */
export type ToolErrorCode =
  | 'invalid_arguments'
  | 'unknown_tool'
  | 'timeout'
  | 'cancelled'
  | 'http_error'
  | 'forbidden_destination'
  | 'execution_failed';

/** A tool failure with a message safe for the model, the stream and the log. */
export class ToolError extends Error {
  override readonly name = 'ToolError';

  constructor(
    readonly code: ToolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
