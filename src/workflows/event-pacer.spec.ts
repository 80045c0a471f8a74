import { EventPacer, MAX_UNREAD_GRAPH_EVENTS } from './event-pacer.js';

describe('EventPacer', () => {
  it('lets writes through until too many are unread, then until half are taken', async () => {
    const pacer = new EventPacer(new AbortController().signal);
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS; index += 1)
      expect(pacer.written()).toBeUndefined();
    const wait = pacer.written();
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait?.then(() => (released = true));
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS / 2; index += 1) pacer.consumed();
    await Promise.resolve();
    expect(released).toBe(false);
    pacer.consumed();
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('a stopped run lets every waiting writer go and waits no more', async () => {
    const controller = new AbortController();
    const pacer = new EventPacer(controller.signal);
    for (let index = 0; index < MAX_UNREAD_GRAPH_EVENTS; index += 1) pacer.written();
    const wait = pacer.written();
    controller.abort();
    await expect(wait).resolves.toBeUndefined();
    expect(pacer.written()).toBeUndefined();
  });
});
