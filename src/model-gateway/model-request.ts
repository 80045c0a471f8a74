import { type BaseMessage, ToolMessage } from '@langchain/core/messages';

/** `tool_choice` as a word (OpenAI: auto, none, required); else `{type: "function", …}`. */
export const TOOL_CHOICE_MODES = ['auto', 'none', 'required'] as const;
export type ToolChoice =
  (typeof TOOL_CHOICE_MODES)[number] | { type: 'function'; function: { name: string } };

/**
 * What a run's model config adds to every Chat Completions request: the sampling and format
 * fields it gave (wire names, `extra_body` merged in), the tool fields sent only with tools,
 * and extra headers (vault values already in).
 */
export interface ModelRequest {
  fields: Readonly<Record<string, unknown>>;
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  headers: Readonly<Record<string, string>>;
}

/**
 * `tool_choice` and `parallel_tool_calls` of one request that has tools (OpenAI refuses
 * them without). A choice that forces a call (`required`, a named function) holds until
 * tool results come back; the turn after them is `auto`, or the loop could never end — the
 * rule of OpenAI's Agents SDK (`reset_tool_choice`).
 */
export function toolRequestFields(
  request: ModelRequest,
  messages: readonly BaseMessage[],
): Record<string, unknown> {
  const forces = request.toolChoice === 'required' || typeof request.toolChoice === 'object';
  const afterTools = messages.length > 0 && ToolMessage.isInstance(messages[messages.length - 1]);
  return {
    ...(request.toolChoice !== undefined && {
      tool_choice: forces && afterTools ? 'auto' : request.toolChoice,
    }),
    ...(request.parallelToolCalls !== undefined && {
      parallel_tool_calls: request.parallelToolCalls,
    }),
  };
}
