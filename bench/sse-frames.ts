import type { ServerResponse } from 'node:http';

/**
 * The protocol's SSE framing for the reference systems of the benchmark, so every system is
 * read by the same client: `id` = seq, `event` = type, `data` repeats type and seq.
 */
export function sseWriter(res: ServerResponse, runId: string) {
  let seq = 0;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(`: run ${runId}\n\n`);
  return (type: string, fields: Record<string, unknown>) => {
    seq += 1;
    const data = JSON.stringify({
      type,
      seq,
      run_id: runId,
      trace_id: runId,
      timestamp: Date.now(),
      ...fields,
    });
    res.write(`id: ${seq}\nevent: ${type}\ndata: ${data}\n\n`);
  };
}

export async function readJson(req: AsyncIterable<Buffer>): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString());
}

/** The closing `done` frame (these servers report no usage), then the end of the response. */
export function endStream(emit: ReturnType<typeof sseWriter>, res: ServerResponse): void {
  emit('done', {
    finish_reason: 'stop',
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    duration_ms: 0,
  });
  res.end();
}
