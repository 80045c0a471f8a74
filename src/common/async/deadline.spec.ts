import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { collected } from '../../../test/support/garbage.js';
import { Deadline } from './deadline.js';

describe('Deadline', () => {
  it('aborts with a TimeoutError once its time passed', async () => {
    const deadline = new Deadline(undefined, 5);
    await sleep(30);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with its parent, not as expired', () => {
    const parent = new AbortController();
    const deadline = new Deadline(parent.signal, 60_000);
    parent.abort(new Error('stopped'));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).message).toBe('stopped');
    expect(deadline.expired).toBe(false);
    deadline.clear();
  });

  it('never aborts once cleared', async () => {
    const deadline = new Deadline(undefined, 5);
    deadline.clear();
    await sleep(30);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('Deadline, cleared, keeps nothing of the context it was made in', () => {
  it('lets a run context go while its timeout would still be pending', async () => {
    const context = new AsyncLocalStorage<{ run: object }>();
    let ref: WeakRef<object> | undefined;
    context.run({ run: {} }, () => {
      ref = new WeakRef(context.getStore()?.run as object);
      new Deadline(undefined, 60_000).clear();
    });
    expect(await collected(ref as WeakRef<object>)).toBe(true);
  });
});
