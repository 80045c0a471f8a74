import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { MessageContent } from '@langchain/core/messages';
import type { ChatMessageDto } from '../../payload/dto/chat-message.dto.js';

const VARIABLE = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** `{{name}}` in a system prompt takes `variables.name`; unknown names stay as written. */
export function renderSystemPrompt(template: string, variables: Record<string, unknown>): string {
  return template.replace(VARIABLE, (placeholder, name: string) => {
    if (!Object.hasOwn(variables, name)) return placeholder;
    const value = variables[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toLangChain(message: ChatMessageDto): BaseMessage {
  // Content parts go to LangChain as they are: its converter hands OpenAI parts on unchanged.
  const content = (message.content ?? '') as MessageContent;
  switch (message.role) {
    case 'system':
      return new SystemMessage({ content, name: message.name });
    case 'user':
      return new HumanMessage({ content, name: message.name });
    case 'tool':
      return new ToolMessage({
        content,
        tool_call_id: message.tool_call_id ?? '',
        name: message.name,
      });
    case 'assistant':
      return new AIMessage({
        content,
        name: message.name,
        tool_calls: message.tool_calls?.map((call) => ({
          id: call.id,
          name: call.function.name,
          args: parseArguments(call.function.arguments),
          type: 'tool_call' as const,
        })),
      });
  }
}

/** The payload's conversation as LangChain messages, after the optional system prompt. */
export function conversationOf(
  messages: ChatMessageDto[],
  variables: Record<string, unknown> = {},
): BaseMessage[] {
  const prompt = variables.system_prompt;
  const system =
    typeof prompt === 'string' && prompt
      ? [new SystemMessage(renderSystemPrompt(prompt, variables))]
      : [];
  return [...system, ...messages.map(toLangChain)];
}
