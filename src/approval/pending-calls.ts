import type { ChatMessageDto } from '../payload/dto/chat-message.dto.js';

/** A call of the conversation's last assistant message that no tool message answers yet. */
export interface PendingCall {
  id: string;
  name: string;
  /** The parsed arguments; undefined when they are not JSON (no token approves such a call). */
  arguments: unknown;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The calls a resumed run must decide: those of the last message when it is an assistant
 * message with tool calls, or of the assistant message before the tool messages that end
 * the conversation (calls that ran before the pause), minus the calls those answer.
 * Undefined when the conversation does not end that way.
 */
export function pendingCalls(messages: readonly ChatMessageDto[]): PendingCall[] | undefined {
  const index = messages.findLastIndex((message) => message.role !== 'tool');
  const assistant = messages[index];
  if (assistant?.role !== 'assistant' || !assistant.tool_calls?.length) return undefined;
  const answered = new Set(messages.slice(index + 1).map((message) => message.tool_call_id));
  return assistant.tool_calls
    .filter((call) => !answered.has(call.id))
    .map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: parsed(call.function.arguments),
    }));
}
