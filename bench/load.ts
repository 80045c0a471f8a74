import { createParser } from 'eventsource-parser';

export interface Sample {
  /** ms from sending the request to the first message_chunk. */
  ttftMs?: number;
  totalMs: number;
  ok: boolean;
  problem?: string;
}

interface Frame {
  id?: string;
  event?: string;
  data: { type: string; seq: number; tool_call_id?: string };
}

/** Why a stream is not well-formed (PROTOCOL.md section 3 invariants), or undefined. */
export function streamProblem(frames: Frame[]): string | undefined {
  if (frames.length === 0) return 'no frames';
  if (frames.some((frame, index) => frame.data.seq !== index + 1 || frame.id !== String(index + 1)))
    return 'seq gap';
  if (frames.some((frame) => frame.event !== frame.data.type))
    return 'event name differs from data.type';
  if (
    frames.filter((frame) => frame.event === 'done').length !== 1 ||
    frames.at(-1)?.event !== 'done'
  )
    return 'done not last or not once';
  const started = frames
    .filter((frame) => frame.event === 'tool_start')
    .map((frame) => frame.data.tool_call_id);
  const ended = frames
    .filter((frame) => frame.event === 'tool_result')
    .map((frame) => frame.data.tool_call_id);
  if (started.sort().join() !== ended.sort().join()) return 'tool_start without tool_result';
  if (frames.some((frame) => frame.event === 'error')) return 'error event';
  if (!frames.some((frame) => frame.event === 'message_chunk')) return 'no answer text';
  return undefined;
}

/** One run: POST the payload, read the whole stream, time it and check it. */
export async function runOnce(url: string, body: string): Promise<Sample> {
  const started = performance.now();
  let ttftMs: number | undefined;
  const frames: Frame[] = [];
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 200)
      return {
        totalMs: performance.now() - started,
        ok: false,
        problem: `HTTP ${response.status}`,
      };
    const parser = createParser({
      onEvent: (message) => {
        if (message.event === 'message_chunk' && ttftMs === undefined)
          ttftMs = performance.now() - started;
        frames.push({ id: message.id, event: message.event, data: JSON.parse(message.data) });
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
      parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (error) {
    return { totalMs: performance.now() - started, ok: false, problem: String(error) };
  }
  const problem = streamProblem(frames);
  return { ttftMs, totalMs: performance.now() - started, ok: !problem, problem };
}

/** `total` runs with `concurrency` in flight at once. */
export async function runLoad(url: string, body: string, concurrency: number, total: number) {
  const samples: Sample[] = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < total) {
      issued += 1;
      samples.push(await runOnce(url, body));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, wallMs: performance.now() - started };
}
