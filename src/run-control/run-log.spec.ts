import type { MessageEvent } from '@nestjs/common';
import { FRAME_OVERHEAD_BYTES, READER_LAG_BYTES, RunLog } from './run-log.js';

const frame = (seq: number, bytes = 10): MessageEvent => ({
  id: String(seq),
  type: 'message_chunk',
  data: 'x'.repeat(bytes),
});

async function take(reader: AsyncIterable<MessageEvent>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const taken of reader) {
    ids.push(taken.id as string);
    if (ids.length === count) break;
  }
  return ids;
}

describe('RunLog', () => {
  it('replays after a seq, follows live frames, and ends after end()', async () => {
    const log = new RunLog();
    [1, 2, 3].forEach((seq) => log.append(frame(seq)));
    const reading = take(log.reader(1), 4);
    log.append(frame(4));
    log.append(frame(5));
    log.end();
    expect(await reading).toEqual(['2', '3', '4', '5']);
  });

  it('counts every frame at its data plus FRAME_OVERHEAD_BYTES', () => {
    const log = new RunLog();
    expect(log.append(frame(1, 10))).toBe(10 + FRAME_OVERHEAD_BYTES);
    log.append(frame(2, 30));
    expect(log.totalBytes).toBe(40 + 2 * FRAME_OVERHEAD_BYTES);
    expect(log.keptBytes).toBe(log.totalBytes);
  });

  it('drops only what every attached reader took, and refuses readers from before that', async () => {
    const log = new RunLog();
    [1, 2, 3, 4, 5].forEach((seq) => log.append(frame(seq)));
    const slow = log.reader(0)[Symbol.asyncIterator]();
    await slow.next();
    await slow.next(); // took 1 and 2
    expect(log.dropTaken()).toBe(2 * (10 + FRAME_OVERHEAD_BYTES));
    expect(log.keeps(1)).toBe(false);
    expect(log.keeps(2)).toBe(true);
    log.end();
    expect(await take(log.reader(2), 10)).toEqual(['3', '4', '5']);
    expect((await slow.next()).value?.id).toBe('3');
  });

  it('drops every frame when no reader is attached, across compactions', async () => {
    const log = new RunLog();
    for (let seq = 1; seq <= 20; seq += 1) {
      log.append(frame(seq));
      if (seq % 7 === 0) log.dropTaken();
    }
    expect(log.keeps(13)).toBe(false);
    log.end();
    expect(await take(log.reader(14), 10)).toHaveLength(6);
    expect(log.dropTaken()).toBe(6 * (10 + FRAME_OVERHEAD_BYTES));
    expect(log.keptBytes).toBe(0);
    expect(log.keeps(20)).toBe(true);
  });

  it('counts readers as they attach and detach while the run lasts', () => {
    const counts: number[] = [];
    const log = new RunLog((count) => counts.push(count));
    const first = log.reader(0);
    log.reader(0).close();
    first.close();
    log.end();
    log.reader(0).close(); // a finished run tells no one
    expect(counts).toEqual([1, 2, 1, 0]);
  });

  it('holds the run back while a reader trails by more than READER_LAG_BYTES', async () => {
    const log = new RunLog();
    const reader = log.reader(0)[Symbol.asyncIterator]();
    const signal = new AbortController().signal;
    expect(log.waitForReaders(signal)).toBeUndefined(); // no promise while there is room
    log.append(frame(1, READER_LAG_BYTES + 1));
    let released = false;
    const waiting = log.waitForReaders(signal)?.then(() => (released = true));
    expect(waiting).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(released).toBe(false);
    await reader.next();
    await waiting;
    expect(released).toBe(true);
  });
});
