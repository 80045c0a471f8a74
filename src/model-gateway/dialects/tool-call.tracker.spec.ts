import type { RawToolCallFragment } from './completion-chunk.js';
import { ToolCallTracker } from './tool-call.tracker.js';

/** Joins tracked chunks into whole calls, as LangChain's chunk merge does by index. */
function merged(fragments: RawToolCallFragment[][]) {
  const tracker = new ToolCallTracker();
  const calls: { id?: string; name?: string; args: string }[] = [];
  for (const chunk of fragments.flatMap((fragment) => tracker.chunks(fragment))) {
    const call = (calls[chunk.index as number] ??= { args: '' });
    if (chunk.id) call.id = (call.id ?? '') + chunk.id;
    if (chunk.name) call.name = (call.name ?? '') + chunk.name;
    call.args += chunk.args ?? '';
  }
  return calls;
}

const fn = (name: string | undefined, args: string) => ({ name, arguments: args });

describe('ToolCallTracker', () => {
  it('OpenAI: one index per call, the id on its first fragment', () => {
    expect(
      merged([
        [{ index: 0, id: 'call_a', function: fn('weather', '') }],
        [{ index: 0, function: fn(undefined, '{"city":"Paris"}') }],
        [{ index: 1, id: 'call_b', function: fn('time', '') }],
        [{ index: 1, function: fn(undefined, '{}') }],
      ]),
    ).toEqual([
      { id: 'call_a', name: 'weather', args: '{"city":"Paris"}' },
      { id: 'call_b', name: 'time', args: '{}' },
    ]);
  });

  // vLLM and lmdeploy (InternLM/lmdeploy#3412): every call at index 0, id "" after the first.
  it('vLLM: every call at index 0 with id "" on later fragments', () => {
    expect(
      merged([
        [{ index: 0, id: 'chatcmpl-tool-1', function: fn('weather', '') }],
        [{ index: 0, id: '', function: fn(undefined, '{"city":"Paris"}') }],
        [{ index: 0, id: 'chatcmpl-tool-2', function: fn('weather', '') }],
        [{ index: 0, id: '', function: fn(undefined, '{"city":"Rome"}') }],
      ]),
    ).toEqual([
      { id: 'chatcmpl-tool-1', name: 'weather', args: '{"city":"Paris"}' },
      { id: 'chatcmpl-tool-2', name: 'weather', args: '{"city":"Rome"}' },
    ]);
  });

  // SGLang (same thread): the same id on every fragment of a call, the name only on the first.
  it('SGLang: the same id repeated on every fragment', () => {
    expect(
      merged([
        [{ index: 0, id: '0', function: fn('add', '') }],
        [{ index: 0, id: '0', function: fn(undefined, '{"a":1,"b":2}') }],
        [{ index: 0, id: '1', function: fn('multiply', '') }],
        [{ index: 0, id: '1', function: fn(undefined, '{"a":3,"b":4}') }],
      ]),
    ).toEqual([
      { id: '0', name: 'add', args: '{"a":1,"b":2}' },
      { id: '1', name: 'multiply', args: '{"a":3,"b":4}' },
    ]);
  });

  // Gemini's OpenAI endpoint (open-webui/computer#224): no index; whole calls or continuations.
  it('Gemini: no index, whole calls with ids, and indexless continuations', () => {
    expect(
      merged([
        [{ id: 'function-call-1', function: fn('weather', '{"city":"Paris"}') }],
        [{ id: 'function-call-2', function: fn('weather', '{"city":') }],
        [{ function: fn(undefined, '"Rome"}') }],
      ]),
    ).toEqual([
      { id: 'function-call-1', name: 'weather', args: '{"city":"Paris"}' },
      { id: 'function-call-2', name: 'weather', args: '{"city":"Rome"}' },
    ]);
  });

  it('servers without ids: each named call is its own, with a generated id', () => {
    const calls = merged([
      [{ function: fn('weather', '{"city":"Paris"}') }],
      [{ function: fn('weather', '{"city":"Rome"}') }],
    ]);
    expect(calls.map((call) => [call.name, call.args])).toEqual([
      ['weather', '{"city":"Paris"}'],
      ['weather', '{"city":"Rome"}'],
    ]);
    expect(calls[0].id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(calls[1].id).not.toBe(calls[0].id);
  });

  it('a new index without an id is a new call', () => {
    const calls = merged([
      [{ index: 0, function: fn('weather', '{"city":"Paris"}') }],
      [{ index: 1, function: fn('weather', '{"city":"Rome"}') }],
    ]);
    expect(calls.map((call) => call.args)).toEqual(['{"city":"Paris"}', '{"city":"Rome"}']);
  });

  it('cumulative resends count once, per call', () => {
    expect(
      merged([
        [{ index: 0, id: 'a', function: fn('weather', '{"city":') }],
        [{ index: 0, function: fn(undefined, '{"city":"Paris"}') }],
      ]),
    ).toEqual([{ id: 'a', name: 'weather', args: '{"city":"Paris"}' }]);
  });
});
