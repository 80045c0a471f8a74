import { jest } from '@jest/globals';
import { RequestError } from '../common/errors/execution-plane.error.js';
import { runControlConfig } from '../config/run-control.config.js';
import { MemoryRunStore } from './memory-run.store.js';
import { FRAME_OVERHEAD_BYTES } from './run-log.js';
import { type RunRecord, runningRecord } from './run-record.js';
import type { RunOwner } from './run-store.js';

const USAGE = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
const FRAME_BYTES = 1000;
/** The defaults, with budgets of a few frames. */
const CONFIG = {
  ...runControlConfig(),
  logMaxBytes: 4 * FRAME_BYTES,
  logMaxTotalBytes: 10 * FRAME_BYTES,
  maxFinishedRuns: 2,
  redisUrl: undefined,
};

function startRun(store: MemoryRunStore, runId: string, owner: Partial<RunOwner> = {}) {
  const record = runningRecord({ run_id: runId, trace_id: 't', workflow_id: 'echo' }, USAGE, 0);
  const handle = store.begin(record, {
    cancel: () => undefined,
    readersChanged: () => undefined,
    snapshot: () => record,
    ...owner,
  });
  const end = (finishReason: RunRecord['finish_reason'] = 'stop') =>
    handle.end({ ...record, status: 'done', finish_reason: finishReason, ended_at: 'now' });
  return { handle, end };
}

/** A frame that costs FRAME_BYTES (frameCostBytes). */
const frame = (seq: number) => ({
  id: String(seq),
  type: 'message_chunk',
  data: 'x'.repeat(FRAME_BYTES - FRAME_OVERHEAD_BYTES),
});

describe('MemoryRunStore', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps a finished run for RUN_LOG_TTL_SECONDS, then forgets it', async () => {
    jest.useFakeTimers({ now: 0 });
    const store = new MemoryRunStore(CONFIG);
    startRun(store, 'a').end();
    expect((await store.status('a'))?.status).toBe('done');
    jest.setSystemTime(CONFIG.logTtlMs + 1);
    expect(await store.status('a')).toBeUndefined();
    expect(await store.open('a', 0)).toBeUndefined();
  });

  it('keeps at most RUN_LOG_MAX_FINISHED_RUNS finished runs, the oldest go first', async () => {
    const store = new MemoryRunStore(CONFIG);
    for (const runId of ['a', 'b', 'c']) startRun(store, runId).end();
    const live = startRun(store, 'live');
    expect(await store.status('a')).toBeUndefined();
    expect((await store.status('b'))?.status).toBe('done');
    expect((await store.status('c'))?.status).toBe('done');
    expect((await store.status('live'))?.status).toBe('running');
    live.end();
  });

  it('cancel asks the owner and answers once the run ended; a finished run answers at once', async () => {
    const store = new MemoryRunStore(CONFIG);
    const run = startRun(store, 'a', { cancel: () => run.end('cancelled') });
    expect(await store.cancel('a')).toMatchObject({ status: 'done', finish_reason: 'cancelled' });
    expect(await store.cancel('a')).toMatchObject({ finish_reason: 'cancelled' });
    expect(await store.cancel('unknown')).toBeUndefined();
  });

  it('tells the owner once a run is past RUN_LOG_MAX_BYTES', () => {
    const { handle, end } = startRun(new MemoryRunStore(CONFIG), 'a');
    const rooms = [1, 2, 3, 4, 5].map((seq) => handle.append(frame(seq)));
    expect(rooms).toEqual(['kept', 'kept', 'kept', 'kept', 'run_full']);
    end();
  });

  it('past RUN_LOG_MAX_TOTAL_BYTES drops the oldest finished frames first; their records stay', async () => {
    const store = new MemoryRunStore({ ...CONFIG, maxFinishedRuns: 100 });
    for (const runId of ['old', 'newer']) {
      const run = startRun(store, runId);
      [1, 2, 3, 4].forEach((seq) => run.handle.append(frame(seq)));
      run.end();
    }
    const live = startRun(store, 'live');
    expect([1, 2, 3].map((seq) => live.handle.append(frame(seq)))).toEqual([
      'kept',
      'kept',
      'kept',
    ]);
    await expect(store.open('old', 0)).rejects.toMatchObject({ code: 'run_log_evicted' });
    await expect(store.open('old', 0)).rejects.toBeInstanceOf(RequestError);
    expect((await store.status('old'))?.status).toBe('done');
    expect(await store.open('newer', 0)).toBeDefined();
    live.end();
  });

  it('then drops what the readers of live runs took, and says store_full only when nothing can go', async () => {
    const store = new MemoryRunStore({ ...CONFIG, logMaxBytes: CONFIG.logMaxTotalBytes });
    const [a, b, c] = ['a', 'b', 'c'].map((runId) => startRun(store, runId));
    const readers = [a, b, c].map((run) => run.handle.reader(0)[Symbol.asyncIterator]());
    for (const seq of [1, 2, 3]) [a, b, c].forEach((run) => run.handle.append(frame(seq)));
    await readers[0].next();
    await readers[0].next(); // a's reader took frames 1 and 2: the only ones that can go
    expect([a, b].map((run) => run.handle.append(frame(4)))).toEqual(['kept', 'kept']);
    await expect(store.open('a', 0)).rejects.toMatchObject({ code: 'run_log_evicted' });
    expect(await store.open('a', 2)).toBeDefined();
    expect(c.handle.append(frame(4))).toBe('kept');
    expect(b.handle.append(frame(5))).toBe('store_full');
    [a, b, c].forEach((run) => run.end());
  });

  it('a finished run no longer asks its owner for anything', async () => {
    const store = new MemoryRunStore(CONFIG);
    const snapshot = jest.fn<RunOwner['snapshot']>();
    startRun(store, 'a', { snapshot }).end();
    expect((await store.status('a'))?.status).toBe('done');
    expect(snapshot).not.toHaveBeenCalled();
  });
});
