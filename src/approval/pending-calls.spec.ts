import type { ChatMessageDto } from '../payload/dto/chat-message.dto.js';
import { pendingCalls } from './pending-calls.js';

const call = (id: string, args = '{"city":"Paris"}') => ({
  id,
  type: 'function' as const,
  function: { name: 'weather', arguments: args },
});
const assistant = (...ids: string[]) =>
  ({
    role: 'assistant',
    content: null,
    tool_calls: ids.map((id) => call(id)),
  }) as unknown as ChatMessageDto;
const tool = (id: string) => ({ role: 'tool', content: '{}', tool_call_id: id }) as ChatMessageDto;
const user = { role: 'user', content: 'hi' } as ChatMessageDto;

describe('pendingCalls', () => {
  it('are the calls of the last assistant message that no tool message answers', () => {
    expect(pendingCalls([user, assistant('a', 'b'), tool('a')])).toEqual([
      { id: 'b', name: 'weather', arguments: { city: 'Paris' } },
    ]);
  });

  it('are none when the conversation does not end with that assistant message', () => {
    expect(pendingCalls([user])).toBeUndefined();
    expect(pendingCalls([assistant('a'), user])).toBeUndefined();
    expect(
      pendingCalls([user, { role: 'assistant', content: 'hello' } as ChatMessageDto]),
    ).toBeUndefined();
  });

  it('keep a call whose arguments are not JSON, with none', () => {
    const message = { role: 'assistant', content: null, tool_calls: [call('a', '{oops')] };
    expect(pendingCalls([message as unknown as ChatMessageDto])).toEqual([
      { id: 'a', name: 'weather', arguments: undefined },
    ]);
  });
});
