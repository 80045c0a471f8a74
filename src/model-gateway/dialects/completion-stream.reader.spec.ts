import type { RawCompletionChunk } from './completion-chunk.js';
import { CompletionStreamReader } from './completion-stream.reader.js';

function readAll(chunks: RawCompletionChunk[]) {
  const reader = new CompletionStreamReader();
  const pieces = chunks.map((chunk) => reader.read(chunk)).filter((piece) => piece !== undefined);
  return {
    text: pieces.map((piece) => piece.text).join(''),
    reasoning: pieces.map((piece) => piece.reasoning).join(''),
    toolCalls: pieces.flatMap((piece) => piece.toolCalls),
    ...reader.summary(),
  };
}

const choice = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
  choices: [{ index: 0, delta, finish_reason }],
});

describe('CompletionStreamReader', () => {
  it.each([
    ['absent', {}],
    ['null', { role: null }],
    ['empty', { role: '' }],
  ])('reads reasoning and tool calls whatever the role (%s)', (_name, role) => {
    const result = readAll([
      choice({ ...role, reasoning_content: 'think' }),
      choice({
        ...role,
        tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }],
      }),
      choice({ ...role }, 'tool_calls'),
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(result).toMatchObject({ reasoning: 'think', finishReason: 'tool_calls' });
    expect(result.toolCalls).toHaveLength(1);
    expect(result.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });

  it('splits typed content parts into text and reasoning', () => {
    const result = readAll([
      choice({
        content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Let me see.' }] }],
      }),
      choice({ content: [{ type: 'text', text: 'Four.' }] }),
      choice({ content: [{ type: 'thinking', thinking: 'plain string' }, { type: 'image' }] }),
    ]);
    expect(result).toMatchObject({ text: 'Four.', reasoning: 'Let me see.plain string' });
  });

  it.each([
    [
      'top level',
      { choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ],
    [
      'choices[0].usage (Moonshot)',
      choice({}, 'stop').choices.map((c) => ({
        ...c,
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      })),
    ],
    [
      'x_groq.usage (Groq)',
      {
        ...choice({}, 'stop'),
        x_groq: { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
      },
    ],
  ])('finds usage at %s', (_name, last) => {
    const chunk = Array.isArray(last) ? { choices: last } : last;
    const result = readAll([choice({ content: 'hi' }), chunk as RawCompletionChunk]);
    expect(result.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });

  it('counts a running usage total once (vLLM continuous usage stats)', () => {
    const result = readAll(
      [1, 2, 3].map((tokens) => ({
        ...choice({ content: 'x' }),
        usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens },
      })),
    );
    expect(result.usage).toEqual({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
  });

  it('reads "stop" on a turn with tool calls as tool_calls (Gemini)', () => {
    const result = readAll([
      choice({ tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{}' } }] }, 'stop'),
    ]);
    expect(result.finishReason).toBe('tool_calls');
  });

  it('skips chunks without a choice or a delta, null content and unknown fields', () => {
    const result = readAll([
      { choices: [], prompt_filter_results: [{ prompt_index: 0 }] } as RawCompletionChunk,
      choice({ role: 'assistant', content: null, refusal: null }),
      { choices: [{ index: 0, delta: null, finish_reason: null }] },
      {
        ...choice({ content: 'ok' }),
        system_fingerprint: 'fp',
        provider: 'x',
      } as RawCompletionChunk,
    ]);
    expect(result).toMatchObject({ text: 'ok', reasoning: '', toolCalls: [] });
  });
});
