import type { WorkflowEvent } from '../../common/run-events/run-event.types.js';
import { GraphEventQueue, MAX_UNREAD_GRAPH_EVENTS } from './graph-event.queue.js';

const chunk = (content: string): WorkflowEvent => ({ type: 'message_chunk', content });

describe('GraphEventQueue', () => {
  it('hands events over in order, waiting for each, until the graph ends; then its outcome', async () => {
    const queue = new GraphEventQueue(new AbortController().signal);
    const taken: string[] = [];
    const draining = (async () => {
      const drain = queue.drain(() => 'outcome');
      for (let step = await drain.next(); ; step = await drain.next()) {
        if (step.done) return step.value;
        taken.push((step.value as { content: string }).content);
      }
    })();
    queue.push(chunk('a'));
    await Promise.resolve();
    queue.push(chunk('b'));
    queue.push(chunk('c'));
    queue.end();
    expect(await draining).toBe('outcome');
    expect(taken).toEqual(['a', 'b', 'c']);
  });

  it('gives the events written before a failure, then throws it', async () => {
    const queue = new GraphEventQueue(new AbortController().signal);
    queue.push(chunk('partial'));
    queue.fail(new Error('node failed'));
    const drain = queue.drain(() => undefined);
    expect((await drain.next()).value).toEqual(chunk('partial'));
    await expect(drain.next()).rejects.toThrow('node failed');
  });

  it('lets writes through until too many are unread, then until half are taken', async () => {
    const queue = new GraphEventQueue(new AbortController().signal);
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS; index += 1)
      expect(queue.push(chunk('x'))).toBeUndefined();
    let released = false;
    void queue.push(chunk('x'))?.then(() => (released = true));
    const drain = queue.drain(() => undefined);
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS / 2; index += 1) await drain.next();
    await Promise.resolve();
    expect(released).toBe(false);
    await drain.next();
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('a stopped run lets every waiting writer go and waits no more', async () => {
    const controller = new AbortController();
    const queue = new GraphEventQueue(controller.signal);
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS; index += 1) queue.push(chunk('x'));
    const wait = queue.push(chunk('x'));
    controller.abort();
    await expect(wait).resolves.toBeUndefined();
    expect(queue.push(chunk('x'))).toBeUndefined();
  });
});
