import type { ReceivedStream } from './sse-client.js';

/**
 * The invariants of PROTOCOL.md section 3 that every complete stream must hold: ids = seq =
 * 1..n, event name = data.type, one run_id and trace_id throughout, exactly one `done` and
 * it is last, every tool_start answered by one later tool_result.
 */
export function expectWellFormedStream(stream: ReceivedStream): void {
  expect(stream.status).toBe(200);
  const { events } = stream;
  expect(events.length).toBeGreaterThan(0);
  const runId = stream.headers.get('x-run-id');
  const traceId = stream.headers.get('x-trace-id');
  events.forEach((event, index) => {
    expect(event.id).toBe(String(index + 1));
    expect(event.data.seq).toBe(index + 1);
    expect(event.data.type).toBe(event.event);
    expect(event.data.run_id).toBe(runId);
    expect(event.data.trace_id).toBe(traceId);
    expect(typeof event.data.timestamp).toBe('number');
  });
  expect(events.filter((event) => event.event === 'done')).toHaveLength(1);
  expect(events.at(-1)?.event).toBe('done');
  const started = events.filter((event) => event.event === 'tool_start');
  for (const start of started) {
    const results = events.filter(
      (event) =>
        event.event === 'tool_result' && event.data.tool_call_id === start.data.tool_call_id,
    );
    expect(results).toHaveLength(1);
    expect(results[0].data.seq).toBeGreaterThan(start.data.seq);
  }
}

/** The assistant text of a stream: its message_chunk contents joined. */
export function answerText(stream: ReceivedStream): string {
  return stream.events
    .filter((event) => event.event === 'message_chunk')
    .map((event) => event.data.content as string)
    .join('');
}

/** The stream's `done.usage` is the sum of what the model reported for each of its calls. */
export function expectUsageOfEveryCall(
  stream: ReceivedStream,
  requests: { usage?: Record<'prompt_tokens' | 'completion_tokens' | 'total_tokens', number> }[],
): void {
  const sum = (key: 'prompt_tokens' | 'completion_tokens' | 'total_tokens') =>
    requests.reduce((total, request) => total + (request.usage?.[key] ?? 0), 0);
  expect(sum('total_tokens')).toBeGreaterThan(0);
  expect(stream.events.at(-1)?.data.usage).toEqual({
    prompt_tokens: sum('prompt_tokens'),
    completion_tokens: sum('completion_tokens'),
    total_tokens: sum('total_tokens'),
  });
}
