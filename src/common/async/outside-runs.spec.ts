import { AsyncLocalStorage } from 'node:async_hooks';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { collected } from '../../../test/support/garbage.js';
import { outsideRuns } from './outside-runs.js';

describe('outsideRuns', () => {
  const server = createServer((socket) => socket.on('error', () => undefined));
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  });

  const port = () => (server.address() as { port: number }).port;

  it('runs connect outside the caller’s async context', () => {
    const context = new AsyncLocalStorage<string>();
    let seen: string | undefined = 'unset';
    context.run('a run', () => outsideRuns(() => (seen = context.getStore()))());
    expect(seen).toBeUndefined();
  });

  it('lets a run go while a socket it opened stays open', async () => {
    const context = new AsyncLocalStorage<{ run: object }>();
    let ref: WeakRef<object> | undefined;
    const open = outsideRuns((whenOpen: (socket: Socket) => void) => {
      const socket = connect(port(), '127.0.0.1');
      socket.once('connect', () => whenOpen(socket));
    });
    const opened = new Promise<Socket>((resolve) =>
      context.run({ run: {} }, () => {
        ref = new WeakRef(context.getStore()?.run as object);
        open(resolve);
      }),
    );
    sockets.push(await opened);
    expect(sockets[0]?.destroyed).toBe(false);
    expect(await collected(ref as WeakRef<object>)).toBe(true);
  });
});
