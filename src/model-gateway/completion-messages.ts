import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { convertMessagesToCompletionsMessageParams } from '@langchain/openai';

type CompletionMessage = ReturnType<typeof convertMessagesToCompletionsMessageParams>[number];
type CompletionToolCall = {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
};

/**
 * Arguments sent back for a call whose own arguments were not JSON: strict providers (and
 * gateways that turn calls into Anthropic `tool_use` objects) parse them, and the tool's
 * answer already tells the model its arguments were invalid.
 */
const UNPARSEABLE_ARGUMENTS = '{}';

/**
 * The run's messages in Chat Completions form (LangChain's converter), keeping one invariant
 * strict providers check: every tool message answers a tool call of the assistant message
 * before it. LangChain sends only the calls whose arguments parsed; a call with unparseable
 * arguments still got a tool message, so it is sent too.
 */
export function completionMessages(messages: BaseMessage[], model: string): CompletionMessage[] {
  return messages.flatMap((message) => {
    const converted = convertMessagesToCompletionsMessageParams({ messages: [message], model });
    const invalid = AIMessage.isInstance(message) ? (message.invalid_tool_calls ?? []) : [];
    if (invalid.length === 0 || converted[0]?.role !== 'assistant') return converted;
    const [assistant, ...rest] = converted as [
      CompletionMessage & { tool_calls?: CompletionToolCall[] },
    ];
    const answered: CompletionToolCall[] = invalid.map((call) => ({
      id: call.id ?? '',
      type: 'function',
      function: { name: call.name ?? '', arguments: UNPARSEABLE_ARGUMENTS },
    }));
    return [{ ...assistant, tool_calls: [...(assistant.tool_calls ?? []), ...answered] }, ...rest];
  });
}
