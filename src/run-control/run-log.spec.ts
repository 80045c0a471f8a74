import type { MessageEvent } from '@nestjs/common';
import { READER_LAG_BYTES, RunLog } from './run-log.js';

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
    const log = new RunLog(100);
    [1, 2, 3].forEach((seq) => log.append(frame(seq)));
    const reading = take(log.reader(1), 4);
    log.append(frame(4));
    log.append(frame(5));
    log.end();
    expect(await reading).toEqual(['2', '3', '4', '5']);
  });

  it('keeps the newest maxEvents frames; a reader from before them starts at the oldest kept', async () => {
    const log = new RunLog(3);
    [1, 2, 3, 4, 5].forEach((seq) => log.append(frame(seq)));
    log.end();
    expect(await take(log.reader(0), 10)).toEqual(['3', '4', '5']);
  });

  it('stays right across compactions of the dropped frames', async () => {
    const log = new RunLog(3);
    for (let seq = 1; seq <= 20; seq += 1) log.append(frame(seq));
    log.end();
    expect(await take(log.reader(0), 10)).toEqual(['18', '19', '20']);
    expect(await take(log.reader(18), 10)).toEqual(['19', '20']);
  });

  it('counts readers as they attach and detach', async () => {
    const counts: number[] = [];
    const log = new RunLog(10, (count) => counts.push(count));
    const first = log.reader(0);
    const second = log.reader(0);
    second.close();
    log.end();
    await take(first, 1);
    expect(counts).toEqual([1, 2, 1, 0]);
  });

  it('holds the run back while a reader trails by more than READER_LAG_BYTES', async () => {
    const log = new RunLog(1000);
    const reader = log.reader(0)[Symbol.asyncIterator]();
    log.append(frame(1, READER_LAG_BYTES + 1));
    let released = false;
    const waiting = log.waitForReaders(new AbortController().signal).then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(released).toBe(false);
    await reader.next();
    await waiting;
    expect(released).toBe(true);
  });
});
