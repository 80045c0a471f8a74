import { jest } from '@jest/globals';
import { MemoryRunStore } from './memory-run.store.js';
import { type RunRecord, runningRecord } from './run-record.js';
import type { RunOwner } from './run-store.js';

const USAGE = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
const CONFIG = {
  logMaxEvents: 100,
  logTtlMs: 60_000,
  maxFinishedRuns: 2,
  disconnectGraceMs: 0,
  redisUrl: undefined,
  redisKeyPrefix: 'ep:',
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
});
