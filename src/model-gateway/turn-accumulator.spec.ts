import { AIMessageChunk } from '@langchain/core/messages';
import type { TurnPiece } from './dialects/completion-stream.reader.js';
import { TurnAccumulator } from './turn-accumulator.js';

const call = (index: number, args: string, id?: string, name?: string) => ({
  index,
  args,
  ...(id && { id }),
  ...(name && { name }),
  type: 'tool_call_chunk' as const,
});

/** Reasoning, text, two parallel calls in fragments (one with unparseable arguments). */
const PIECES: TurnPiece[] = [
  { text: '', reasoning: 'Think', toolCalls: [] },
  { text: '', reasoning: 'ing.', toolCalls: [] },
  { text: 'Let me ', reasoning: '', toolCalls: [] },
  { text: 'check.', reasoning: '', toolCalls: [call(0, '', 'call_a', 'weather')] },
  { text: '', reasoning: '', toolCalls: [call(0, '{"city":'), call(1, '', 'call_b', 'calc')] },
  { text: '', reasoning: '', toolCalls: [call(1, 'x=1'), call(0, '"Paris"}')] },
];
const SUMMARY = {
  finishReason: 'tool_calls',
  usage: { prompt_tokens: 9, completion_tokens: 4 },
};

/** What LangChain's stream() gives: a chunk per piece and a summary chunk, concatenated. */
function concatenated(): AIMessageChunk {
  const chunks = PIECES.map(
    (piece, index) =>
      new AIMessageChunk({
        content: piece.text,
        tool_call_chunks: piece.toolCalls,
        additional_kwargs: piece.reasoning ? { reasoning_content: piece.reasoning } : {},
        ...(index === 0 && { id: 'chatcmpl-1' }),
      }),
  );
  chunks.push(
    new AIMessageChunk({
      content: '',
      response_metadata: { finish_reason: SUMMARY.finishReason },
      usage_metadata: { input_tokens: 9, output_tokens: 4, total_tokens: 13 },
    }),
  );
  return chunks.reduce((whole, chunk) => whole.concat(chunk));
}

describe('TurnAccumulator', () => {
  it('builds the message that concatenating every chunk gives', () => {
    const accumulator = new TurnAccumulator();
    for (const piece of PIECES) accumulator.add(piece);
    const built = accumulator.message(SUMMARY, 'chatcmpl-1');
    const merged = concatenated();
    expect(built.id).toBe(merged.id);
    expect(built.content).toBe('Let me check.');
    expect(built.content).toBe(merged.content);
    expect(built.additional_kwargs).toEqual({ reasoning_content: 'Thinking.' });
    expect(built.additional_kwargs).toEqual(merged.additional_kwargs);
    expect(built.tool_calls).toEqual([
      { id: 'call_a', name: 'weather', args: { city: 'Paris' }, type: 'tool_call' },
    ]);
    expect(built.tool_calls).toEqual(merged.tool_calls);
    expect(built.invalid_tool_calls).toEqual(merged.invalid_tool_calls);
    expect(built.invalid_tool_calls?.map((invalid) => invalid.id)).toEqual(['call_b']);
    expect(built.response_metadata).toEqual({ finish_reason: 'tool_calls' });
    // concat adds empty token details; nothing reads them.
    const usage = { input_tokens: 9, output_tokens: 4, total_tokens: 13 };
    expect(built.usage_metadata).toEqual(usage);
    expect(merged.usage_metadata).toMatchObject(usage);
  });

  it('gives an empty message for a turn without pieces, with what the summary says', () => {
    const built = new TurnAccumulator().message({ finishReason: 'stop' }, undefined);
    expect(built.content).toBe('');
    expect(built.tool_calls).toEqual([]);
    expect(built.usage_metadata).toBeUndefined();
    expect(built.response_metadata).toEqual({ finish_reason: 'stop' });
  });
});
